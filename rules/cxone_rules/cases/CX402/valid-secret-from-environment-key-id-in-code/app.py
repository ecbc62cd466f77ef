import os
ACCESS_KEY_SECRET = os.getenv("CXONE_ACCESS_KEY_SECRET", "")
access_key_id = "QWERTYUIOPASDFGHJKL"
