function Get-Agents {
    param([string]$ApiEndpoint)
    Invoke-RestMethod -Uri "$ApiEndpoint/incontactapi/services/v31.0/agents"
}
