function Get-Agents {
    param([string]$Token)
    @{ Authorization = "Bearer $Token" }
}
