const zendeskApiKey = "Fgx5Td_nDX--fr44bUUa1HrZt6QnYgDP";
