$script:AccessKeySecret = 'GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY='  # expect: CX402
