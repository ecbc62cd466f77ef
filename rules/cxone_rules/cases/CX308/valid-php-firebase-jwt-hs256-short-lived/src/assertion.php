<?php

use Firebase\JWT\JWT;

function clientAssertion(string $clientId, string $tokenEndpoint): string
{
    $claims = [
        'iss' => $clientId,
        'sub' => $clientId,
        'aud' => $tokenEndpoint,
        'jti' => bin2hex(random_bytes(16)),
        'exp' => time() + 120,
    ];
    return JWT::encode($claims, getenv('CXONE_CLIENT_SECRET'), 'HS256');
}

$body = ['client_assertion' => '', 'client_assertion_type' => 'jwt-bearer'];
