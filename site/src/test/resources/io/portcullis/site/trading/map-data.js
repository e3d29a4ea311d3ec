window.PORTCULLIS_MAP = {
  "version" : 1,
  "digest" : "sha256:d9ca03a39782b8085568e59bfc681c74bede48f7f4e0f220c9eb88e4a848f438",
  "at" : "2026-12-07T00:00:00Z",
  "accounts" : [ {
    "id" : "111111111111",
    "name" : "trading"
  }, {
    "id" : "222222222222",
    "name" : "platform"
  }, {
    "id" : "333333333333",
    "name" : "analytics"
  } ],
  "nodes" : [ {
    "id" : "group:111111111111/sg-baseline-monitoring",
    "kind" : "group",
    "name" : "sg-baseline-monitoring",
    "account" : "111111111111",
    "key" : "111111111111/sg-baseline-monitoring",
    "vpc" : "vpc-trading",
    "members" : 0,
    "purpose" : "rules every API group inherits",
    "owner" : "",
    "href" : "groups/111111111111_sg-baseline-monitoring.html",
    "where" : "../examples/trading/groups.yaml:35:5"
  }, {
    "id" : "group:111111111111/sg-legacy-gw",
    "kind" : "group",
    "name" : "sg-legacy-gw",
    "account" : "111111111111",
    "key" : "111111111111/sg-legacy-gw",
    "vpc" : "vpc-trading",
    "members" : 1,
    "purpose" : "legacy gateway",
    "owner" : "",
    "href" : "groups/111111111111_sg-legacy-gw.html",
    "where" : "../examples/trading/groups.yaml:52:5"
  }, {
    "id" : "group:111111111111/sg-orders-api",
    "kind" : "group",
    "name" : "sg-orders-api",
    "account" : "111111111111",
    "key" : "111111111111/sg-orders-api",
    "vpc" : "vpc-trading",
    "tier" : "api",
    "members" : 0,
    "purpose" : "the network boundary of the orders API; every caller of orders is admitted by one of its rules",
    "owner" : "trading-platform@example.com",
    "href" : "groups/111111111111_sg-orders-api.html",
    "where" : "../examples/trading/groups.yaml:3:5"
  }, {
    "id" : "group:111111111111/sg-risk-engine",
    "kind" : "group",
    "name" : "sg-risk-engine",
    "account" : "111111111111",
    "key" : "111111111111/sg-risk-engine",
    "vpc" : "vpc-trading",
    "members" : 1,
    "purpose" : "risk engine",
    "owner" : "",
    "href" : "groups/111111111111_sg-risk-engine.html",
    "where" : "../examples/trading/groups.yaml:51:5"
  }, {
    "id" : "group:111111111111/sg-traders",
    "kind" : "group",
    "name" : "sg-traders",
    "account" : "111111111111",
    "key" : "111111111111/sg-traders",
    "vpc" : "vpc-trading",
    "members" : 2,
    "purpose" : "trader desktops and bots",
    "owner" : "",
    "href" : "groups/111111111111_sg-traders.html",
    "where" : "../examples/trading/groups.yaml:50:5"
  }, {
    "id" : "group:111111111111/sg-trading-clients",
    "kind" : "group",
    "name" : "sg-trading-clients",
    "account" : "111111111111",
    "key" : "111111111111/sg-trading-clients",
    "vpc" : "vpc-trading",
    "members" : 0,
    "purpose" : "the trading desk's callers, one group to name in API rules",
    "owner" : "trading-platform@example.com",
    "href" : "groups/111111111111_sg-trading-clients.html",
    "where" : "../examples/trading/groups.yaml:42:5"
  }, {
    "id" : "group:222222222222/sg-batch",
    "kind" : "group",
    "name" : "sg-batch",
    "account" : "222222222222",
    "key" : "222222222222/sg-batch",
    "vpc" : "vpc-platform",
    "members" : 1,
    "purpose" : "settlement batch jobs",
    "owner" : "",
    "href" : "groups/222222222222_sg-batch.html",
    "where" : "../examples/trading/groups.yaml:54:5"
  }, {
    "id" : "group:222222222222/sg-monitoring",
    "kind" : "group",
    "name" : "sg-monitoring",
    "account" : "222222222222",
    "key" : "222222222222/sg-monitoring",
    "vpc" : "vpc-platform",
    "members" : 1,
    "purpose" : "Prometheus",
    "owner" : "",
    "href" : "groups/222222222222_sg-monitoring.html",
    "where" : "../examples/trading/groups.yaml:55:5"
  }, {
    "id" : "group:333333333333/sg-analysts",
    "kind" : "group",
    "name" : "sg-analysts",
    "account" : "333333333333",
    "key" : "333333333333/sg-analysts",
    "vpc" : "vpc-analytics",
    "members" : 1,
    "purpose" : "analyst notebooks",
    "owner" : "",
    "href" : "groups/333333333333_sg-analysts.html",
    "where" : "../examples/trading/groups.yaml:67:5"
  }, {
    "id" : "group:333333333333/sg-analytics-api",
    "kind" : "group",
    "name" : "sg-analytics-api",
    "account" : "333333333333",
    "key" : "333333333333/sg-analytics-api",
    "vpc" : "vpc-analytics",
    "members" : 0,
    "purpose" : "analytics API listeners",
    "owner" : "",
    "href" : "groups/333333333333_sg-analytics-api.html",
    "where" : "../examples/trading/groups.yaml:58:5"
  }, {
    "id" : "group:333333333333/sg-sandbox-dev",
    "kind" : "group",
    "name" : "sg-sandbox-dev",
    "account" : "333333333333",
    "key" : "333333333333/sg-sandbox-dev",
    "vpc" : "vpc-sandbox",
    "members" : 1,
    "purpose" : "sandbox developers",
    "owner" : "",
    "href" : "groups/333333333333_sg-sandbox-dev.html",
    "where" : "../examples/trading/groups.yaml:68:5"
  }, {
    "id" : "api:analytics",
    "kind" : "api",
    "name" : "analytics",
    "account" : "333333333333",
    "vpc" : "vpc-analytics",
    "listen" : "0.0.0.0:9443",
    "purpose" : "",
    "owner" : "",
    "href" : "apis/analytics.html",
    "where" : "../examples/trading/apis.yaml:35:5",
    "reach" : [ {
      "kind" : "workload",
      "subject" : "settlement-batch-1",
      "rule" : "333333333333/sg-analytics-api ingress[1]",
      "detail" : "tcp/9443 from 222222222222/sg-batch (nightly exports over the transit gateway)",
      "now" : true,
      "chain" : [ "workload settlement-batch-1", "member of 222222222222/sg-batch", "333333333333/sg-analytics-api ingress[1] tcp/9443 from 222222222222/sg-batch (nightly exports over the transit gateway)" ]
    }, {
      "kind" : "workload",
      "subject" : "analyst-1",
      "rule" : "333333333333/sg-analytics-api ingress[0]",
      "detail" : "tcp/9443 from 333333333333/sg-analysts (analysts)",
      "now" : true,
      "chain" : [ "workload analyst-1", "member of 333333333333/sg-analysts", "333333333333/sg-analytics-api ingress[0] tcp/9443 from 333333333333/sg-analysts (analysts)" ]
    } ]
  }, {
    "id" : "api:orders",
    "kind" : "api",
    "name" : "orders",
    "account" : "111111111111",
    "vpc" : "vpc-trading",
    "listen" : "0.0.0.0:8443",
    "purpose" : "places, amends and cancels orders on the trading venues",
    "owner" : "trading-platform@example.com",
    "href" : "apis/orders.html",
    "where" : "../examples/trading/apis.yaml:2:5",
    "reach" : [ {
      "kind" : "workload",
      "subject" : "trader-1",
      "rule" : "111111111111/sg-orders-api ingress[0]",
      "detail" : "tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)",
      "now" : true,
      "chain" : [ "workload trader-1", "member of 111111111111/sg-traders", "included in 111111111111/sg-trading-clients", "111111111111/sg-orders-api ingress[0] tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)" ]
    }, {
      "kind" : "workload",
      "subject" : "trader-2",
      "rule" : "111111111111/sg-orders-api ingress[0]",
      "detail" : "tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)",
      "now" : true,
      "chain" : [ "workload trader-2", "member of 111111111111/sg-traders", "included in 111111111111/sg-trading-clients", "111111111111/sg-orders-api ingress[0] tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)" ]
    }, {
      "kind" : "workload",
      "subject" : "risk-engine-1",
      "rule" : "111111111111/sg-orders-api ingress[0]",
      "detail" : "tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)",
      "now" : true,
      "chain" : [ "workload risk-engine-1", "member of 111111111111/sg-risk-engine", "included in 111111111111/sg-trading-clients", "111111111111/sg-orders-api ingress[0] tcp/8443 from 111111111111/sg-trading-clients (trading desks and services)" ]
    }, {
      "kind" : "workload",
      "subject" : "settlement-batch-1",
      "rule" : "111111111111/sg-orders-api ingress[1]",
      "detail" : "tcp/8443 from 222222222222/sg-batch (settlement batch)",
      "now" : true,
      "chain" : [ "workload settlement-batch-1", "member of 222222222222/sg-batch", "111111111111/sg-orders-api ingress[1] tcp/8443 from 222222222222/sg-batch (settlement batch)" ]
    }, {
      "kind" : "workload",
      "subject" : "prometheus-1",
      "rule" : "111111111111/sg-baseline-monitoring ingress[0] (inherited by 111111111111/sg-orders-api)",
      "detail" : "tcp/8443-8444 from 222222222222/sg-monitoring (platform health checks)",
      "now" : true,
      "chain" : [ "workload prometheus-1", "member of 222222222222/sg-monitoring", "111111111111/sg-baseline-monitoring ingress[0] (inherited by 111111111111/sg-orders-api) tcp/8443-8444 from 222222222222/sg-monitoring (platform health checks)" ]
    }, {
      "kind" : "cidr",
      "subject" : "10.99.0.0/16",
      "rule" : "111111111111/sg-orders-api ingress[2]",
      "detail" : "tcp/8443 from pl-corp-vpn (operations over the VPN, business hours only); in force only mon,tue,wed,thu,fri 07:00-19:00 Europe/London, not now",
      "now" : false,
      "chain" : [ "111111111111/sg-orders-api ingress[2] tcp/8443 from pl-corp-vpn (operations over the VPN, business hours only); in force only mon,tue,wed,thu,fri 07:00-19:00 Europe/London, not now" ]
    } ]
  }, {
    "id" : "prefix-list:pl-corp-vpn",
    "kind" : "prefix-list",
    "name" : "pl-corp-vpn",
    "account" : "",
    "cidrs" : [ "10.99.0.0/16" ]
  } ],
  "edges" : [ {
    "id" : "e1",
    "kind" : "attached",
    "from" : "group:333333333333/sg-analytics-api",
    "to" : "api:analytics"
  }, {
    "id" : "e2",
    "kind" : "admits",
    "from" : "group:333333333333/sg-analysts",
    "to" : "api:analytics",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[0]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "333333333333/sg-analysts",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "analysts",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:63:9"
    } ]
  }, {
    "id" : "e3",
    "kind" : "admits",
    "from" : "group:222222222222/sg-batch",
    "to" : "api:analytics",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[1]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "222222222222/sg-batch",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "nightly exports over the transit gateway",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:64:9"
    } ]
  }, {
    "id" : "e4",
    "kind" : "admits",
    "from" : "group:111111111111/sg-traders",
    "to" : "api:analytics",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[2]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "111111111111/sg-traders",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "traders (never worked)",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:66:9"
    } ]
  }, {
    "id" : "e5",
    "kind" : "attached",
    "from" : "group:111111111111/sg-orders-api",
    "to" : "api:orders"
  }, {
    "id" : "e6",
    "kind" : "admits",
    "from" : "group:111111111111/sg-trading-clients",
    "to" : "api:orders",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[0]",
      "group" : "111111111111/sg-orders-api",
      "from" : "111111111111/sg-trading-clients",
      "traffic" : "tcp/8443",
      "when" : "always",
      "exception" : false,
      "description" : "trading desks and services",
      "justification" : "traders place orders and the risk engine cancels them (TRD-12)",
      "where" : "../examples/trading/groups.yaml:12:9"
    } ]
  }, {
    "id" : "e7",
    "kind" : "admits",
    "from" : "group:222222222222/sg-batch",
    "to" : "api:orders",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[1]",
      "group" : "111111111111/sg-orders-api",
      "from" : "222222222222/sg-batch",
      "traffic" : "tcp/8443",
      "when" : "always",
      "exception" : false,
      "description" : "settlement batch",
      "justification" : "end-of-day settlement reads the day's fills (SET-4)",
      "where" : "../examples/trading/groups.yaml:17:9"
    } ]
  }, {
    "id" : "e8",
    "kind" : "admits",
    "from" : "prefix-list:pl-corp-vpn",
    "to" : "api:orders",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[2]",
      "group" : "111111111111/sg-orders-api",
      "from" : "pl-corp-vpn",
      "traffic" : "tcp/8443",
      "when" : "in force only mon,tue,wed,thu,fri 07:00-19:00 Europe/London",
      "schedule" : "mon,tue,wed,thu,fri 07:00-19:00 Europe/London",
      "exception" : false,
      "description" : "operations over the VPN, business hours only",
      "justification" : "operations staff investigate stuck orders during trading hours (OPS-7)",
      "where" : "../examples/trading/groups.yaml:22:9"
    } ]
  }, {
    "id" : "e9",
    "kind" : "admits",
    "from" : "group:111111111111/sg-legacy-gw",
    "to" : "api:orders",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[3]",
      "group" : "111111111111/sg-orders-api",
      "from" : "111111111111/sg-legacy-gw",
      "traffic" : "tcp/8443",
      "when" : "expires 2025-06-30T00:00:00Z",
      "expires" : "2025-06-30T00:00:00Z",
      "expired" : true,
      "exception" : true,
      "description" : "legacy gateway, removed after the migration",
      "justification" : "the legacy FIX gateway until its clients move to the orders API (MIG-31)",
      "where" : "../examples/trading/groups.yaml:28:9"
    } ]
  }, {
    "id" : "e10",
    "kind" : "admits",
    "from" : "group:222222222222/sg-monitoring",
    "to" : "api:orders",
    "rules" : [ {
      "id" : "111111111111/sg-baseline-monitoring ingress[0]",
      "group" : "111111111111/sg-baseline-monitoring",
      "from" : "222222222222/sg-monitoring",
      "traffic" : "tcp/8443-8444",
      "when" : "always",
      "exception" : false,
      "description" : "platform health checks",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:40:9"
    } ]
  }, {
    "id" : "e11",
    "kind" : "rule",
    "from" : "group:222222222222/sg-monitoring",
    "to" : "group:111111111111/sg-baseline-monitoring",
    "rules" : [ {
      "id" : "111111111111/sg-baseline-monitoring ingress[0]",
      "group" : "111111111111/sg-baseline-monitoring",
      "from" : "222222222222/sg-monitoring",
      "traffic" : "tcp/8443-8444",
      "when" : "always",
      "exception" : false,
      "description" : "platform health checks",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:40:9"
    } ]
  }, {
    "id" : "e12",
    "kind" : "extends",
    "from" : "group:111111111111/sg-baseline-monitoring",
    "to" : "group:111111111111/sg-orders-api"
  }, {
    "id" : "e13",
    "kind" : "rule",
    "from" : "group:111111111111/sg-trading-clients",
    "to" : "group:111111111111/sg-orders-api",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[0]",
      "group" : "111111111111/sg-orders-api",
      "from" : "111111111111/sg-trading-clients",
      "traffic" : "tcp/8443",
      "when" : "always",
      "exception" : false,
      "description" : "trading desks and services",
      "justification" : "traders place orders and the risk engine cancels them (TRD-12)",
      "where" : "../examples/trading/groups.yaml:12:9"
    } ]
  }, {
    "id" : "e14",
    "kind" : "rule",
    "from" : "group:222222222222/sg-batch",
    "to" : "group:111111111111/sg-orders-api",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[1]",
      "group" : "111111111111/sg-orders-api",
      "from" : "222222222222/sg-batch",
      "traffic" : "tcp/8443",
      "when" : "always",
      "exception" : false,
      "description" : "settlement batch",
      "justification" : "end-of-day settlement reads the day's fills (SET-4)",
      "where" : "../examples/trading/groups.yaml:17:9"
    } ]
  }, {
    "id" : "e15",
    "kind" : "rule",
    "from" : "prefix-list:pl-corp-vpn",
    "to" : "group:111111111111/sg-orders-api",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[2]",
      "group" : "111111111111/sg-orders-api",
      "from" : "pl-corp-vpn",
      "traffic" : "tcp/8443",
      "when" : "in force only mon,tue,wed,thu,fri 07:00-19:00 Europe/London",
      "schedule" : "mon,tue,wed,thu,fri 07:00-19:00 Europe/London",
      "exception" : false,
      "description" : "operations over the VPN, business hours only",
      "justification" : "operations staff investigate stuck orders during trading hours (OPS-7)",
      "where" : "../examples/trading/groups.yaml:22:9"
    } ]
  }, {
    "id" : "e16",
    "kind" : "rule",
    "from" : "group:111111111111/sg-legacy-gw",
    "to" : "group:111111111111/sg-orders-api",
    "rules" : [ {
      "id" : "111111111111/sg-orders-api ingress[3]",
      "group" : "111111111111/sg-orders-api",
      "from" : "111111111111/sg-legacy-gw",
      "traffic" : "tcp/8443",
      "when" : "expires 2025-06-30T00:00:00Z",
      "expires" : "2025-06-30T00:00:00Z",
      "expired" : true,
      "exception" : true,
      "description" : "legacy gateway, removed after the migration",
      "justification" : "the legacy FIX gateway until its clients move to the orders API (MIG-31)",
      "where" : "../examples/trading/groups.yaml:28:9"
    } ]
  }, {
    "id" : "e17",
    "kind" : "includes",
    "from" : "group:111111111111/sg-traders",
    "to" : "group:111111111111/sg-trading-clients"
  }, {
    "id" : "e18",
    "kind" : "includes",
    "from" : "group:111111111111/sg-risk-engine",
    "to" : "group:111111111111/sg-trading-clients"
  }, {
    "id" : "e19",
    "kind" : "rule",
    "from" : "group:333333333333/sg-analysts",
    "to" : "group:333333333333/sg-analytics-api",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[0]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "333333333333/sg-analysts",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "analysts",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:63:9"
    } ]
  }, {
    "id" : "e20",
    "kind" : "rule",
    "from" : "group:222222222222/sg-batch",
    "to" : "group:333333333333/sg-analytics-api",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[1]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "222222222222/sg-batch",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "nightly exports over the transit gateway",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:64:9"
    } ]
  }, {
    "id" : "e21",
    "kind" : "rule",
    "from" : "group:111111111111/sg-traders",
    "to" : "group:333333333333/sg-analytics-api",
    "rules" : [ {
      "id" : "333333333333/sg-analytics-api ingress[2]",
      "group" : "333333333333/sg-analytics-api",
      "from" : "111111111111/sg-traders",
      "traffic" : "tcp/9443",
      "when" : "always",
      "exception" : false,
      "description" : "traders (never worked)",
      "justification" : "",
      "where" : "../examples/trading/groups.yaml:66:9"
    } ]
  } ]
};
