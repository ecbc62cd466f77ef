<?php

function cxone_token(): string
{
    $body = http_build_query([
        'grant_type' => 'password',
        'username' => getenv('CXONE_ACCESS_KEY_ID'),
        'password' => getenv('CXONE_ACCESS_KEY_SECRET'),
    ]);
    $ch = curl_init('https://cxone.niceincontact.com/auth/token');
    curl_setopt($ch, CURLOPT_POST, true);
    curl_setopt($ch, CURLOPT_USERPWD, getenv('CXONE_CLIENT_ID') . ':' . getenv('CXONE_CLIENT_SECRET'));
    curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $reply = json_decode(curl_exec($ch), true);
    return $reply['access_token'];
}

function cxone_agents(): array
{
    $ch = curl_init('https://api-na1.niceincontact.com/inContactAPI/services/v31.0/agents');
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . cxone_token()]);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return json_decode(curl_exec($ch), true);
}
