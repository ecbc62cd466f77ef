function Connect-Cxone {
    $body = @{
        grant_type = 'password'
        username   = $env:CXONE_USER
        password   = $env:CXONE_PASSWORD
        scope      = 'RealTimeApi ReportingApi'
    }
    $pair = "$($env:CXONE_APP):$($env:CXONE_VENDOR_KEY)"
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pair))
    Invoke-RestMethod -Method Post -Uri 'https://api.incontact.com/InContactAuthorizationServer/Token' -Headers @{ Authorization = "Basic $basic" } -Body ($body | ConvertTo-Json) -ContentType 'application/json'
}
