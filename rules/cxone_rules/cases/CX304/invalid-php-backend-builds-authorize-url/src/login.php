<?php
const AUTHORIZE = 'https://cxone.niceincontact.com/auth/authorize';  // expect: CX304

function login_url(string $clientId, string $challenge): string
{
    $params = [  // expect: CX304
        'response_type' => 'code',
        'client_id' => $clientId,
        'redirect_uri' => 'https://scheduler.acme.example/callback',
        'scope' => 'openid',
        'code_challenge' => $challenge,
        'code_challenge_method' => 'S256',
    ];
    return AUTHORIZE . '?' . http_build_query($params);
}
