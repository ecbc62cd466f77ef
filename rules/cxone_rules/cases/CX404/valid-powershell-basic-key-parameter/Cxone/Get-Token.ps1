function Get-Token {
    param([string]$Key)
    @{ Authorization = "basic $Key" }
}
