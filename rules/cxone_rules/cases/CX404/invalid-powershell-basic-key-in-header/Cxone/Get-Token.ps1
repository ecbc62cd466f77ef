$Header = @{ Authorization = 'basic QXBwQFZlbmRvcjo0NjAwMTIz' }  # expect: CX404
