import base64, os

APP = os.environ["CXONE_APP"]
KEY = base64.b64encode(f"{APP}@{VENDOR}:{BU}".encode()).decode()
EXAMPLE = "yourApp@yourVendor:12345"
CONTACT = "support@acme.example"
