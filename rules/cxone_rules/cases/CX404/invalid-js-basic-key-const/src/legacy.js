const AUTH_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz";  // expect: CX404
