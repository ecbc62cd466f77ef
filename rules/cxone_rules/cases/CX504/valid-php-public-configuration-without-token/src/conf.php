<?php
function api_endpoint(string $tenantId): string
{
    $url = 'https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=' . $tenantId;
    $response = (new GuzzleHttp\Client())->get($url, ['headers' => ['Accept' => 'application/json']]);
    return json_decode((string) $response->getBody(), true)['api_endpoint'];
}
