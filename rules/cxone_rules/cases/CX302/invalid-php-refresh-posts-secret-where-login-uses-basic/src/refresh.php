<?php
// Refreshes the NICE CXone access token.
function cxone_refresh(string $tokenEndpoint, string $refreshToken): array
{
    $ch = curl_init($tokenEndpoint);
    curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query([
        'grant_type' => 'refresh_token',
        'refresh_token' => $refreshToken,
        'client_id' => getenv('CXONE_CLIENT_ID'),
        'client_secret' => getenv('CXONE_CLIENT_SECRET'),
    ]));
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return json_decode(curl_exec($ch), true);  // expect: CX302
}
