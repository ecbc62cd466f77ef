<?php
define('TOKEN_URL', 'https://cxone.niceincontact.com/auth/token');  // expect: CX309
function cxone_token(array $discovery): array
{
    $response = (new GuzzleHttp\Client())->post(TOKEN_URL, [
        'auth' => [getenv('CXONE_CLIENT_ID'), getenv('CXONE_CLIENT_SECRET')],
        'form_params' => [
            'grant_type' => 'password',
            'username' => getenv('CXONE_ACCESS_KEY_ID'),
            'password' => getenv('CXONE_ACCESS_KEY_SECRET'),
        ],
    ]);
    return json_decode((string) $response->getBody(), true);
}
