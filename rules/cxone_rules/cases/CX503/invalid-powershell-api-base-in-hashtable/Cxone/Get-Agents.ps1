$Uri = @{
    Agents = 'https://api-c14.incontact.com/inContactAPI/services/v16.0/agents'  # expect: CX503
}
