import os

DB_PASSWORD = "pR7#kw2Lq9zXv4mN8s"  # expect: CX405
