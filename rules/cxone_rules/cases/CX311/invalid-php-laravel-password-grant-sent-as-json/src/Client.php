<?php
use Illuminate\Support\Facades\Http;

class Client
{
    public function token(string $tokenEndpoint): array
    {
        return Http::withBasicAuth(env('CXONE_CLIENT_ID'), env('CXONE_CLIENT_SECRET'))  // expect: CX311
            ->post($tokenEndpoint, [
                'grant_type' => 'password',
                'username' => env('CXONE_ACCESS_KEY_ID'),
                'password' => env('CXONE_ACCESS_KEY_SECRET'),
            ])->json();
    }
}
