<?php

namespace Acme\Cxone;

use Frankkessler\Guzzle\Oauth2\GrantType\PasswordCredentials;

class Password
{
    public function grant($username, $password)
    {
        $config = [
            'username' => $username,
            'password' => $password,
            'client_id' => config('cxone.oauth.client_id'),
            'client_secret' => config('cxone.oauth.client_secret'),
            'token_url' => 'https://' . config('cxone.oauth.domain') . config('cxone.oauth.token_uri'),
        ];

        return new PasswordCredentials($config);
    }
}
