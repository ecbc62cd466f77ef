"""Token client."""
import requests

client_secret = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"  # expect: CX401
