<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Language</name>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{owner}, {table} line {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost; the operation was not confirmed. Try again: nothing is duplicated. ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server; nothing was sent. ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{object}: {field} {problem} (got {value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough {register} ({resource}) on {at} for {key}: {amounts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked {asked}, available {available} (short by {short})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the balance would fall to {balance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} «{name}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{object} {number} dated {date} is in the closed period (closed up to {lock}); it cannot be changed, posted or unposted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{object} belongs to the switched-off subsystem &quot;{subsystem}&quot;; an administrator can switch it on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is being posted by {holder}; waited {seconds} s. Try again when it finishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{object} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid value: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost ({reason}); nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} must be a finite number within range, with no more decimals than allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} must be greater than zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} must not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: {column} is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{table}: a value breaks rule {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not contain NUL characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is {length} characters long; at most {max_len}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an exact decimal, not a float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allows at most {scale} decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between {minimum} and {maximum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must reference a {target} item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must start with a letter and contain only a-z, 0-9 and _ (at most 63)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of {roles}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>meta</name>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterparties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by warehouse or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by customer or product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
