<?php
const AUTHORIZE = 'https://cxone.niceincontact.com/auth/authorize';

function login_url(string $clientId, string $challenge): string
{
    $params = [
        'response_type' => 'code',
        'client_id' => $clientId,
        'redirect_uri' => 'https://wallboard.acme.example/auth/callback',
        'scope' => 'openid',
        'code_challenge' => $challenge,
        'code_challenge_method' => 'S256',
    ];
    return AUTHORIZE . '?' . http_build_query($params);
}
