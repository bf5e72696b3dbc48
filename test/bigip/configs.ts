/** Realistic v11+ configuration texts shared by the bigip tests. */

/** The iRule body of `/Common/tricky_rule`: quotes and braces in comments and strings, escaped braces. */
export const TRICKY_RULE = `
# Redirect old paths; comments may hold "quotes and { braces }" as long as they balance
when HTTP_REQUEST priority 200 {
    set uri [string tolower [HTTP::uri]]
    if { $uri starts_with "/old/" } {
        HTTP::redirect "https://[HTTP::host]/new/[string range $uri 5 end]"
    } elseif { [class match [IP::client_addr] equals /Common/blocked_nets] } {
        reject
    } else {
        log local0. "no match for \\"$uri\\" \\{ escaped brace"
    }
}
when CLIENT_ACCEPTED {
    snat automap
}
`;

/** A bigip_base.conf: VLANs, route domains, self IPs (floating and non-floating on two VLANs), partition. */
export const BASE_CONF = `#TMSH-VERSION: 15.1.8

auth partition Tenant1 {
    default-route-domain 2
    description "tenant one"
}
net route-domain /Common/0 {
    id 0
    vlans {
        /Common/external
        /Common/internal
    }
}
net route-domain /Common/rd2 {
    id 2
    parent /Common/0
    strict disabled
    vlans {
        /Common/tenant1_vlan
    }
}
net vlan /Common/external {
    interfaces {
        1.1 { }
    }
    tag 4093
}
net vlan /Common/internal {
    interfaces {
        1.2 {
            tagged
        }
        1.3 { }
    }
    tag 4094
}
net vlan /Common/tenant1_vlan {
    interfaces {
        1.4 { }
    }
    tag 200
}
net self /Common/ext_static {
    address 203.0.113.2/24
    allow-service none
    traffic-group /Common/traffic-group-local-only
    vlan /Common/external
}
net self /Common/ext_float {
    address 203.0.113.1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/external
}
net self /Common/int_static {
    address 10.1.10.2/24
    allow-service {
        tcp:22
        tcp:443
        default
    }
    traffic-group /Common/traffic-group-local-only
    vlan /Common/internal
}
net self /Common/int_float {
    address 10.1.10.1/24
    allow-service all
    traffic-group /Common/traffic-group-1
    vlan /Common/internal
}
net self /Common/int_v6 {
    address 2001:db8:10::2/64
    traffic-group /Common/traffic-group-local-only
    vlan /Common/internal
}
net self /Common/tenant1_self {
    address 10.1.10.2%2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/tenant1_vlan
}
sys global-settings {
    hostname bigip1.example.com
}
`;

/** A bigip.conf: data groups of every type, pools, SNAT pools, IPv4/IPv6/route-domain virtuals, two partitions, iRules. */
export const LTM_CONF = `#TMSH-VERSION: 15.1.8

ltm data-group internal /Common/blocked_nets {
    records {
        10.0.0.0/8 {
            data "RFC1918"
        }
        10.1.0.0/16 {
            data "site one"
        }
        172.16.51.21/32 { }
        2001:db8::/32 {
            data doc6
        }
    }
    type ip
}
ltm data-group internal /Common/host_map {
    records {
        /old-path {
            data "/new-path"
        }
        "www example" {
            data "with \\"quotes\\""
        }
        api.example.com { }
    }
    type string
}
ltm data-group internal /Common/port_names {
    records {
        25 {
            data smtp
        }
        443 {
            data https
        }
    }
    type integer
}
ltm data-group internal /Tenant1/allowed {
    records {
        192.168.0.0/16 { }
    }
    type ip
}
ltm monitor http /Common/my_http {
    adaptive disabled
    defaults-from /Common/http
    interval 5
    recv "200 OK"
    send "GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
    timeout 16
}
ltm node /Common/web1 {
    address 10.1.20.11
    monitor /Common/icmp
}
ltm node /Common/web6 {
    address 2001:db8:20::11
}
ltm node /Tenant1/app1 {
    address 10.1.30.5%2
}
ltm pool /Common/web_pool {
    load-balancing-mode least-connections-member
    members {
        /Common/web1:80 {
            address 10.1.20.11
            priority-group 10
        }
        /Common/10.1.20.12:http {
            address 10.1.20.12
            session user-disabled
            state user-down
        }
        /Common/web6:8080 {
            address 2001:db8:20::11
        }
        /Common/2001:db8:20::12.80 {
            address 2001:db8:20::12
        }
    }
    min-active-members 1
    monitor /Common/my_http and /Common/tcp
}
ltm pool /Tenant1/app_pool {
    members {
        /Tenant1/app1:8443 {
            address 10.1.30.5%2
        }
    }
}
ltm rule /Common/tricky_rule {${TRICKY_RULE}}
ltm rule /Common/_sys_https_redirect {
    when HTTP_REQUEST {
       HTTP::redirect https://[getfield [HTTP::host] ":" 1][HTTP::uri]
    }
definition-signature ABCdef123+/=
}
ltm rule /Common/empty { }
ltm rule /Tenant1/app_rule {
when CLIENT_ACCEPTED { pool /Tenant1/app_pool }
}
ltm snat-translation /Common/203.0.113.50 {
    address 203.0.113.50
    traffic-group /Common/traffic-group-1
}
ltm snatpool /Common/out_snat {
    members {
        /Common/203.0.113.50
        /Common/10.1.10.50
    }
}
ltm snat /Common/outbound {
    origins {
        10.1.20.0/24 { }
    }
    snatpool /Common/out_snat
    vlans {
        /Common/internal
    }
    vlans-enabled
}
ltm profile http /Common/my_http_profile {
    defaults-from /Common/http
    insert-xforwarded-for enabled
}
ltm persistence cookie /Common/my_cookie {
    cookie-name SERVERID
    defaults-from /Common/cookie
}
ltm virtual /Common/www_vs {
    destination /Common/203.0.113.10:443
    ip-protocol tcp
    mask 255.255.255.255
    persist {
        /Common/my_cookie {
            default yes
        }
    }
    fallback-persistence /Common/source_addr
    pool /Common/web_pool
    profiles {
        /Common/clientssl {
            context clientside
        }
        /Common/my_http_profile { }
        /Common/serverssl {
            context serverside
        }
        /Common/tcp { }
    }
    rules {
        /Common/tricky_rule
        /Common/_sys_https_redirect
    }
    source 0.0.0.0/0
    source-address-translation {
        type automap
    }
    translate-address enabled
    translate-port enabled
    vlans {
        /Common/external
    }
    vlans-enabled
}
ltm virtual /Common/www6_vs {
    destination /Common/2001:db8:100::10.443
    ip-protocol tcp
    mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
    pool /Common/web_pool
    profiles {
        /Common/tcp { }
    }
    source ::/0
    source-address-translation {
        pool /Common/out_snat
        type snat
    }
}
ltm virtual /Common/forward_vs {
    destination /Common/0.0.0.0:any
    ip-forward
    mask any
    profiles {
        /Common/fastL4 { }
    }
    disabled
}
ltm virtual /Tenant1/app_vs {
    destination /Tenant1/10.1.30.100%2:443
    ip-protocol tcp
    mask 255.255.255.255
    pool /Tenant1/app_pool
    rules {
        /Tenant1/app_rule
    }
    source 0.0.0.0%2/0
    source-address-translation {
        type none
    }
}
ltm virtual /Tenant1/named_vs {
    destination /Tenant1/app_vip:80
    mask 255.255.255.255
}
ltm virtual-address /Common/203.0.113.10 {
    address 203.0.113.10
    arp enabled
    icmp-echo disabled
    mask 255.255.255.255
    traffic-group /Common/traffic-group-1
}
ltm virtual-address /Tenant1/app_vip {
    address 10.1.30.101%2
    arp enabled
    mask 255.255.255.255
    traffic-group /Common/traffic-group-local-only
}
sys file data-group /Common/ext_ips_file {
    revision 1
    source-path file:/var/tmp/ext_ips.txt
    type ip
}
ltm data-group external /Common/ext_ips {
    external-file-name /Common/ext_ips_file
}
ltm data-group external /Common/ext_strings {
    external-file-name ext_strings.class
    type string
}
`;

/** Content of the external ip data-group file `ext_ips.txt`. */
export const EXT_IPS_FILE = `host 192.0.2.1,
host 192.0.2.2 := "two",
network 198.51.100.0 mask 255.255.255.0 := "net",
network 198.51.0.0/16,
network 10.9.0.0 prefixlen 16 := "prefixed",
`;

/** Content of the external string data-group file `ext_strings.class`. */
export const EXT_STRINGS_FILE = `"alpha" := "first",
"beta" := "with, comma",
"gamma",
`;
