function Get-CxoneToken {
    param([string]$ClientSecret = 'Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4')  # expect: CX401
    $ClientSecret.Length
}
