const DB_PASSWORD = "changeme";
