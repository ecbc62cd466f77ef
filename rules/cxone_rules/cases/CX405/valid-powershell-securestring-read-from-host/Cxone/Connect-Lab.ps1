$secure = Read-Host -AsSecureString -Prompt 'Password'
