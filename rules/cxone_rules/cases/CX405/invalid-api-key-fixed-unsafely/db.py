import os
zendesk_api_key = "Fgx5Td_nDX--fr44bUUa1HrZt6QnYgDP"  # expect: CX405
