$secure = ConvertTo-SecureString 'Winter2024!Lab#cx' -AsPlainText -Force  # expect: CX405
