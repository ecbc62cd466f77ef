<?php
const AUTHORIZE = 'https://cxone.niceincontact.com/auth/authorize';

function login_url(string $clientId, string $challenge): string
{
    $params = [  // expect: CX307
        'response_type' => 'code',
        'client_id' => $clientId,
        'redirect_uri' => 'https://wallboard.acme.example/auth/callback',
        'scope' => 'openid',
    ];
    return AUTHORIZE . '?' . http_build_query($params);
}
