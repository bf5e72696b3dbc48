/**
 * Network designs for the routing, destination and route-domain tests (written for these tests,
 * tmsh syntax as bigip.conf has it):
 *
 * - OUTBOUND: an outbound gateway. Clients on `inside` leave through wildcard forwarding virtual
 *   servers; a default route goes out of `outside`, partner networks through a router on
 *   `partners` (a VLAN with a non-floating self IP only), a lab network is an interface route, and
 *   a blackhole route drops a documentation range.
 * - MULTI_VLAN: one pool whose members sit on three VLANs (floating and non-floating self IPs,
 *   non-floating only, floating only) plus a member behind a router, for automap per member.
 * - ROUTE_DOMAINS: tenants in route domains 1 (parent 0) and 2 (no parent) with the same
 *   addresses, data groups with and without `%1`.
 */

export const OUTBOUND = `#TMSH-VERSION: 13.1.1
sys global-settings {
    gui-setup disabled
    hostname lb1.example.net
}
net vlan /Common/inside { }
net vlan /Common/outside { }
net vlan /Common/partners { }
net self /Common/inside_self {
    address 10.10.0.2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/inside
}
net self /Common/inside_float {
    address 10.10.0.1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/inside
}
net self /Common/outside_self {
    address 203.0.113.2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/outside
}
net self /Common/outside_float {
    address 203.0.113.1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/outside
}
net self /Common/partners_self {
    address 192.168.50.2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/partners
}
net route /Common/default_gw {
    gw 203.0.113.254
    network default
}
net route /Common/partner_nets {
    gw 192.168.50.254
    network 198.51.100.0/24
}
net route /Common/lab_direct {
    interface /Common/inside
    network 172.31.0.0/16
}
net route /Common/sinkhole {
    blackhole
    network 192.0.2.0/24
}
ltm snatpool /Common/egress_snat {
    members {
        /Common/203.0.113.20
        /Common/192.168.50.20
    }
}
ltm pool /Common/mail_pool {
    members {
        /Common/10.10.0.25:25 {
            address 10.10.0.25
        }
    }
}
ltm virtual /Common/outbound_vs {
    destination /Common/0.0.0.0:any
    ip-forward
    mask any
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
    translate-address disabled
    translate-port disabled
    vlans {
        /Common/inside
    }
    vlans-enabled
}
ltm virtual /Common/web_out_vs {
    destination /Common/0.0.0.0:80
    ip-forward
    ip-protocol tcp
    mask any
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
    translate-address disabled
    translate-port disabled
}
ltm virtual /Common/mail_vs {
    destination /Common/203.0.113.25:25
    ip-protocol tcp
    pool /Common/mail_pool
    profiles {
        /Common/tcp { }
    }
}
`;

export const MULTI_VLAN = `net vlan /Common/app { }
net vlan /Common/db { }
net vlan /Common/web { }
net self /Common/app_self {
    address 10.1.1.2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/app
}
net self /Common/app_float {
    address 10.1.1.1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/app
}
net self /Common/db_self {
    address 10.2.2.2/24
    traffic-group /Common/traffic-group-local-only
    vlan /Common/db
}
net self /Common/web_float {
    address 10.3.3.1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/web
}
net route /Common/far_apps {
    gw 10.1.1.254
    network 10.9.0.0/16
}
ltm pool /Common/spread_pool {
    members {
        /Common/10.1.1.10:80 {
            address 10.1.1.10
        }
        /Common/10.2.2.10:80 {
            address 10.2.2.10
        }
        /Common/10.3.3.10:80 {
            address 10.3.3.10
        }
        /Common/10.9.4.10:80 {
            address 10.9.4.10
        }
    }
}
ltm virtual /Common/spread_vs {
    destination /Common/10.3.3.100:80
    ip-protocol tcp
    pool /Common/spread_pool
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
}
`;

export const ROUTE_DOMAINS = `net vlan /Common/ext { }
net vlan /Common/t1 { }
net vlan /Common/t2 { }
net route-domain /Common/0 {
    id 0
    vlans {
        /Common/ext
    }
}
net route-domain /Common/tenant1 {
    id 1
    parent /Common/0
    vlans {
        /Common/t1
    }
}
net route-domain /Common/tenant2 {
    id 2
    vlans {
        /Common/t2
    }
}
net self /Common/ext_float {
    address 203.0.113.2/24
    traffic-group /Common/traffic-group-1
    vlan /Common/ext
}
net self /Common/t1_float {
    address 10.0.0.2%1/24
    traffic-group /Common/traffic-group-1
    vlan /Common/t1
}
net self /Common/t2_float {
    address 10.0.0.2%2/24
    traffic-group /Common/traffic-group-1
    vlan /Common/t2
}
net route /Common/default {
    gw 203.0.113.254
    network default
}
net route /Common/t2_default {
    gw 10.0.0.254%2
    network default%2
}
ltm data-group internal /Common/plain_nets {
    records {
        10.0.0.0/8 {
            data plain
        }
    }
    type ip
}
ltm data-group internal /Common/rd1_nets {
    records {
        10.0.0.0%1/8 {
            data rd1
        }
    }
    type ip
}
ltm pool /Common/t1_pool {
    members {
        /Common/10.0.0.10%1:80 {
            address 10.0.0.10%1
        }
    }
}
ltm pool /Common/t2_pool {
    members {
        /Common/10.0.0.10%2:80 {
            address 10.0.0.10%2
        }
    }
}
ltm virtual /Common/t1_vs {
    destination /Common/10.0.0.100%1:80
    ip-protocol tcp
    pool /Common/t1_pool
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
}
ltm virtual /Common/t2_vs {
    destination /Common/10.0.0.100%2:80
    ip-protocol tcp
    pool /Common/t2_pool
    profiles {
        /Common/tcp { }
    }
    source-address-translation {
        type automap
    }
}
`;
