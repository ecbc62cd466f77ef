<?php

return [
    'oauth' => [
        'domain' => env('CXONE_OAUTH_DOMAIN', 'cxone.niceincontact.com'),
        'token_uri' => env('CXONE_OAUTH_TOKEN_URI', '/auth/token'),
        'client_id' => env('CXONE_CLIENT_ID'),
        'client_secret' => env('CXONE_CLIENT_SECRET'),
    ],
];
