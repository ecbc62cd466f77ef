Invoke-RestMethod -Uri "$env:CXONE_API/agents" -SkipCertificateCheck  # expect: CX407
