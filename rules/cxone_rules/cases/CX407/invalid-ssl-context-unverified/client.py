import ssl
import urllib.request

ctx = ssl._create_unverified_context()  # expect: CX407
ctx2 = ssl.create_default_context()
ctx2.check_hostname = False  # expect: CX407
ctx2.verify_mode = ssl.CERT_NONE  # expect: CX407
