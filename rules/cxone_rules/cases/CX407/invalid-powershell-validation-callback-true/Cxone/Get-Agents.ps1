[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }  # expect: CX407
