import os

AUTH_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz"  # expect: CX404
