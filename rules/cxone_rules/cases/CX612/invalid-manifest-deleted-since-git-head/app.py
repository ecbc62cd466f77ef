import os  # expect: CX612
