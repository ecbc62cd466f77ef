function Get-CxoneToken {
    param([pscredential]$Client)
    $body = @{ grant_type = 'client_credentials' }  # expect: CX303
    Invoke-RestMethod -Method Post -Uri 'https://cxone.niceincontact.com/auth/token' -Body $body -Credential $Client -Authentication Basic
}
