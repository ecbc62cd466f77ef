import os
x = 1  # noqa: CX401
