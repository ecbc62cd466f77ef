import base64

KEY = base64.b64encode(b"App@Vendor:4600123").decode()  # expect: CX404
HEADERS = {"Authorization": "basic QXBwQFZlbmRvcjo0NjAwMTIz"}  # expect: CX404
