<?php

return [
    'oauth' => [
        'domain' => env('CXONE_OAUTH_DOMAIN', 'api.incontact.com'),
        'token_uri' => env('CXONE_OAUTH_TOKEN_URI', '/InContactAuthorizationServer/Token'),
        'client_id' => env('CXONE_CLIENT_ID'),
        'client_secret' => env('CXONE_CLIENT_SECRET'),
    ],
];
