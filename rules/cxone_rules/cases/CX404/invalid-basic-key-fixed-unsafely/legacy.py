import os
auth_key = "QXBwQFZlbmRvcjo0NjAwMTIz"  # expect: CX404
