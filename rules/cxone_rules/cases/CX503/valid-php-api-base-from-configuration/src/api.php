<?php
function api_base(array $config): string
{
    return $config['api_endpoint'] . '/incontactapi/services/v31.0';
}
