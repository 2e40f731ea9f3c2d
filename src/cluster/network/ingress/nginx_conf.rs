//! The `/etc/nginx/nginx.conf` the controller writes from the Ingresses: the global blocks, the
//! dynamic `upstream_balancer`, the catch-all server `_` and a server per host, with one
//! `location` per Ingress path, shaped like ingress-nginx v1.13's template output.

use super::{servers, Location, Server};
use crate::cluster::Cluster;

/// The whole configuration file.
pub fn nginx_conf(cluster: &Cluster) -> String {
    let servers = servers(cluster);
    let mut out = String::new();
    out.push_str(HEADER);
    if !servers.iter().any(|s| s.hostname == "_") {
        server_block(&mut out, &Server { hostname: "_".into(), locations: Vec::new(), enforce_regex: false });
    }
    for server in &servers {
        server_block(&mut out, server);
    }
    out.push_str(FOOTER);
    out
}

const HEADER: &str = "\n# Configuration checksum: 10386235183283463731\n\n# setup custom paths that do not require root access\npid /tmp/nginx/nginx.pid;\n\ndaemon off;\n\nworker_processes 4;\n\nworker_rlimit_nofile 1047552;\n\nworker_shutdown_timeout 240s ;\n\nevents {\n\tmulti_accept        on;\n\tworker_connections  16384;\n\tuse                 epoll;\n\t\n}\n\nhttp {\n\t\n\tlua_package_path \"/etc/nginx/lua/?.lua;;\";\n\t\n\tlua_shared_dict balancer_ewma 10M;\n\tlua_shared_dict balancer_ewma_last_touched_at 10M;\n\tlua_shared_dict balancer_ewma_locks 1M;\n\tlua_shared_dict certificate_data 20M;\n\tlua_shared_dict certificate_servers 5M;\n\tlua_shared_dict configuration_data 20M;\n\tlua_shared_dict ocsp_response_cache 5M;\n\t\n\tinit_by_lua_file /etc/nginx/lua/ngx_conf_init.lua;\n\t\n\tinit_worker_by_lua_file /etc/nginx/lua/ngx_conf_init_worker.lua;\n\t\n\taio                 threads;\n\t\n\taio_write           on;\n\t\n\ttcp_nopush          on;\n\ttcp_nodelay         on;\n\t\n\tlog_subrequest      on;\n\t\n\treset_timedout_connection on;\n\t\n\tkeepalive_timeout  75s;\n\tkeepalive_requests 1000;\n\t\n\tclient_body_temp_path           /tmp/nginx/client-body;\n\tfastcgi_temp_path               /tmp/nginx/fastcgi-temp;\n\tproxy_temp_path                 /tmp/nginx/proxy-temp;\n\t\n\tclient_header_buffer_size       1k;\n\tclient_header_timeout           60s;\n\tlarge_client_header_buffers     4 8k;\n\tclient_body_buffer_size         8k;\n\tclient_body_timeout             60s;\n\t\n\thttp2_max_concurrent_streams    128;\n\t\n\ttypes_hash_max_size             2048;\n\tserver_names_hash_max_size      1024;\n\tserver_names_hash_bucket_size   64;\n\tmap_hash_bucket_size            64;\n\t\n\tproxy_headers_hash_max_size     512;\n\tproxy_headers_hash_bucket_size  64;\n\t\n\tvariables_hash_bucket_size      256;\n\tvariables_hash_max_size         2048;\n\t\n\tunderscores_in_headers          off;\n\tignore_invalid_headers          on;\n\t\n\tlimit_req_status                503;\n\tlimit_conn_status               503;\n\t\n\tinclude /etc/nginx/mime.types;\n\tdefault_type text/html;\n\t\n\t# Custom headers for response\n\t\n\tserver_tokens off;\n\t\n\tmore_clear_headers Server;\n\t\n\t# disable warnings\n\tuninitialized_variable_warn off;\n\t\n\t# Additional available variables:\n\t# $namespace\n\t# $ingress_name\n\t# $service_name\n\t# $service_port\n\tlog_format upstreaminfo '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id';\n\t\n\tmap $request_uri $loggable {\n\t\t\n\t\tdefault 1;\n\t}\n\t\n\taccess_log /var/log/nginx/access.log upstreaminfo  if=$loggable;\n\t\n\terror_log  /var/log/nginx/error.log notice;\n\t\n\tresolver 10.96.0.10 valid=30s;\n\t\n\t# See https://www.nginx.com/blog/websocket-nginx\n\tmap $http_upgrade $connection_upgrade {\n\t\tdefault          upgrade;\n\t\t\n\t\t# See http://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive\n\t\t''               '';\n\t\t\n\t}\n\t\n\t# Reverse proxies can detect if a client provides a X-Request-ID header, and pass it on to the backend server.\n\t# If no such header is provided, it can provide a random value.\n\tmap $http_x_request_id $req_id {\n\t\tdefault   $http_x_request_id;\n\t\t\n\t\t\"\"        $request_id;\n\t\t\n\t}\n\t\n\t# Create a variable that contains the literal $ character.\n\t# This works because the geo module will not resolve variables.\n\tgeo $literal_dollar {\n\t\tdefault \"$\";\n\t}\n\t\n\tserver_name_in_redirect off;\n\tport_in_redirect        off;\n\t\n\tssl_protocols TLSv1.2 TLSv1.3;\n\t\n\tssl_early_data off;\n\t\n\t# turn on session caching to drastically improve performance\n\t\n\tssl_session_cache shared:SSL:10m;\n\tssl_session_timeout 10m;\n\t\n\t# allow configuring ssl session tickets\n\tssl_session_tickets off;\n\t\n\t# slightly reduce the time-to-first-byte\n\tssl_buffer_size 4k;\n\t\n\t# allow configuring custom ssl ciphers\n\tssl_ciphers 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384';\n\tssl_prefer_server_ciphers on;\n\t\n\tssl_ecdh_curve auto;\n\t\n\t# PEM sha: 4f6bd8e1a5ee1b1a53f4d87c3e8f9b6e0c2d1a7f\n\tssl_certificate     /etc/ingress-controller/ssl/default-fake-certificate.pem;\n\tssl_certificate_key /etc/ingress-controller/ssl/default-fake-certificate.pem;\n\t\n\tproxy_ssl_session_reuse on;\n\t\n\tupstream upstream_balancer {\n\t\t### Attention!!!\n\t\t#\n\t\t# We no longer create \"upstream\" section for every backend.\n\t\t# Backends are handled dynamically using Lua. If you would like to debug\n\t\t# and see what backends ingress-nginx has in its memory you can\n\t\t# install our kubectl plugin https://kubernetes.github.io/ingress-nginx/kubectl-plugin.\n\t\t# Once you have the plugin you can use \"kubectl ingress-nginx backends\" command to\n\t\t# inspect current backends.\n\t\t#\n\t\t###\n\t\t\n\t\tserver 0.0.0.1; # placeholder\n\t\t\n\t\tbalancer_by_lua_file /etc/nginx/lua/nginx/ngx_conf_balancer.lua;\n\t\t\n\t\tkeepalive 320;\n\t\tkeepalive_time 1h;\n\t\tkeepalive_timeout  60s;\n\t\tkeepalive_requests 10000;\n\t\t\n\t}\n\t\n\t# Cache for internal auth checks\n\tproxy_cache_path /tmp/nginx/nginx-cache-auth levels=1:2 keys_zone=auth_cache:10m max_size=128m inactive=30m use_temp_path=off;\n\t\n\t# Global filters\n\t\n\t## start server _\n";

const FOOTER: &str = "\t# backend for when default-backend-service is not configured or it does not have endpoints\n\tserver {\n\t\tlisten 8181 default_server reuseport backlog=4096;\n\t\tlisten [::]:8181 default_server reuseport backlog=4096;\n\t\tset $proxy_upstream_name \"internal\";\n\t\t\n\t\taccess_log off;\n\t\t\n\t\tlocation / {\n\t\t\treturn 404;\n\t\t}\n\t}\n\t\n\t# default server, used for NGINX healthcheck and access to nginx stats\n\tserver {\n\t\tlisten 127.0.0.1:10246;\n\t\tset $proxy_upstream_name \"internal\";\n\t\t\n\t\tkeepalive_timeout 0;\n\t\tgzip off;\n\t\t\n\t\taccess_log off;\n\t\t\n\t\tlocation /healthz {\n\t\t\treturn 200;\n\t\t}\n\t\t\n\t\tlocation /is-dynamic-lb-initialized {\n\t\t\tcontent_by_lua_file /etc/nginx/lua/nginx/ngx_conf_is_dynamic_lb_initialized.lua;\n\t\t}\n\t\t\n\t\tlocation /nginx_status {\n\t\t\tstub_status on;\n\t\t}\n\t\t\n\t\tlocation /configuration {\n\t\t\tclient_max_body_size                    21M;\n\t\t\tclient_body_buffer_size                 21M;\n\t\t\tproxy_buffering                         off;\n\t\t\t\n\t\t\tcontent_by_lua_file /etc/nginx/lua/nginx/ngx_conf_configuration.lua;\n\t\t}\n\t\t\n\t\tlocation / {\n\t\t\treturn 404;\n\t\t}\n\t}\n}\n\nstream {\n\tlua_package_path \"/etc/nginx/lua/?.lua;/etc/nginx/lua/vendor/?.lua;;\";\n\t\n\tlua_shared_dict tcp_udp_configuration_data 5M;\n\t\n\terror_log  /var/log/nginx/error.log notice;\n\t\n\tupstream upstream_balancer {\n\t\tserver 0.0.0.1:1234; # placeholder\n\t\tbalancer_by_lua_file /etc/nginx/lua/nginx/ngx_conf_balancer_stream.lua;\n\t}\n\t\n\tserver {\n\t\tlisten 127.0.0.1:10247;\n\t\t\n\t\taccess_log off;\n\t\t\n\t\tcontent_by_lua_file /etc/nginx/lua/nginx/ngx_conf_content_stream.lua;\n\t}\n\t\n\t# TCP services\n\t\n\t# UDP services\n\t\n\t# Stream Snippets\n\t\n}\n\n";

fn server_block(out: &mut String, server: &Server) {
    let name = &server.hostname;
    if name != "_" {
        out.push_str(&format!("\t## start server {name}\n"));
    }
    out.push_str(&format!("\tserver {{\n\t\tserver_name {name} ;\n\t\t\n"));
    if name == "_" {
        out.push_str("\t\thttp2 on;\n\t\t\n\t\tlisten 80 default_server reuseport backlog=4096 ;\n\t\tlisten [::]:80 default_server reuseport backlog=4096 ;\n\t\tlisten 443 default_server reuseport backlog=4096 ssl;\n\t\tlisten [::]:443 default_server reuseport backlog=4096 ssl;\n");
    } else {
        out.push_str("\t\thttp2 on;\n\t\t\n\t\tlisten 80  ;\n\t\tlisten [::]:80  ;\n\t\tlisten 443  ssl;\n\t\tlisten [::]:443  ssl;\n");
    }
    out.push_str("\t\t\n\t\tset $proxy_upstream_name \"-\";\n\t\t\n\t\tssl_reject_handshake off;\n\t\t\n\t\tssl_certificate_by_lua_file /etc/nginx/lua/nginx/ngx_conf_certificate.lua;\n\t\t\n");
    for location in &server.locations {
        location_block(out, location, server.enforce_regex);
    }
    let root = if server.enforce_regex { "~* \"^/\"" } else { "/" };
    out.push_str(&format!(
        "\t\tlocation {root} {{\n\t\t\t\n\t\t\tset $namespace      \"\";\n\t\t\tset $ingress_name   \"\";\n\t\t\tset $service_name   \"\";\n\t\t\tset $service_port   \"\";\n\t\t\tset $location_path  \"/\";\n\t\t\t\n\t\t\trewrite_by_lua_file /etc/nginx/lua/nginx/ngx_rewrite.lua;\n\t\t\t\n\t\t\tlog_by_lua_file /etc/nginx/lua/nginx/ngx_conf_log_block.lua;\n\t\t\t\n\t\t\tset $proxy_upstream_name \"upstream-default-backend\";\n\t\t\t\n\t\t\tproxy_pass http://upstream_balancer;\n\t\t\t\n\t\t}}\n\t\t\n"
    ));
    out.push_str("\t\t# health checks in cloud providers require the use of port 80\n\t\tlocation /healthz {\n\t\t\taccess_log off;\n\t\t\treturn 200;\n\t\t}\n\t\t\n\t}\n");
    out.push_str(&format!("\t## end server {name}\n\t\n"));
}

/// `location ~* "^/path" { ... }` or `location /path { ... }` (`= /path` for Exact).
fn location_line(location: &Location, enforce_regex: bool) -> String {
    let path = &location.path;
    match (enforce_regex, location.path_type.as_str()) {
        (true, "Exact") => format!("~* \"^{path}$\""),
        (true, _) => format!("~* \"^{path}\""),
        (false, "Exact") => format!("= {path}"),
        (false, _) => path.clone(),
    }
}

fn location_block(out: &mut String, l: &Location, enforce_regex: bool) {
    let upstream = format!("{}-{}-{}", l.namespace, l.service, l.port);
    let location_path = l.path.replace('$', "${literal_dollar}");
    let lines: Vec<String> = vec![
        format!("location {} {{", location_line(l, enforce_regex)),
        "\t".into(),
        format!("\tset $namespace      \"{}\";", l.namespace),
        format!("\tset $ingress_name   \"{}\";", l.ingress),
        format!("\tset $service_name   \"{}\";", l.service),
        format!("\tset $service_port   \"{}\";", l.port),
        format!("\tset $location_path  \"{location_path}\";"),
        "\t".into(),
        "\tset $force_ssl_redirect \"false\";".into(),
        "\tset $ssl_redirect \"true\";".into(),
        "\tset $force_no_ssl_redirect \"false\";".into(),
        "\tset $preserve_trailing_slash \"false\";".into(),
        "\tset $use_port_in_redirects \"false\";".into(),
        "\t".into(),
        "\trewrite_by_lua_file /etc/nginx/lua/nginx/ngx_rewrite.lua;".into(),
        "\t".into(),
        "\theader_filter_by_lua_file /etc/nginx/lua/nginx/ngx_conf_srv_hdr_filter.lua;".into(),
        "\t".into(),
        "\tlog_by_lua_file /etc/nginx/lua/nginx/ngx_conf_log_block.lua;".into(),
        "\t".into(),
        "\tport_in_redirect off;".into(),
        "\t".into(),
        "\tset $balancer_ewma_score -1;".into(),
        format!("\tset $proxy_upstream_name \"{upstream}\";"),
        "\tset $proxy_host          $proxy_upstream_name;".into(),
        "\tset $pass_access_scheme  $scheme;".into(),
        "\t".into(),
        "\tset $pass_server_port    $server_port;".into(),
        "\t".into(),
        "\tset $best_http_host      $http_host;".into(),
        "\tset $pass_port           $pass_server_port;".into(),
        "\t".into(),
        "\tset $proxy_alternative_upstream_name \"\";".into(),
        "\t".into(),
        "\tclient_max_body_size                    1m;".into(),
        "\t".into(),
        "\tproxy_set_header Host                   $best_http_host;".into(),
        "\t".into(),
        "\t# Allow websocket connections".into(),
        "\tproxy_set_header                        Upgrade           $http_upgrade;".into(),
        "\t".into(),
        "\tproxy_set_header                        Connection        $connection_upgrade;".into(),
        "\t".into(),
        "\tproxy_set_header X-Request-ID           $req_id;".into(),
        "\tproxy_set_header X-Real-IP              $remote_addr;".into(),
        "\t".into(),
        "\tproxy_set_header X-Forwarded-For        $remote_addr;".into(),
        "\t".into(),
        "\tproxy_set_header X-Forwarded-Host       $best_http_host;".into(),
        "\tproxy_set_header X-Forwarded-Port       $pass_port;".into(),
        "\tproxy_set_header X-Forwarded-Proto      $pass_access_scheme;".into(),
        "\tproxy_set_header X-Forwarded-Scheme     $pass_access_scheme;".into(),
        "\t".into(),
        "\tproxy_set_header X-Scheme               $pass_access_scheme;".into(),
        "\t".into(),
        "\t# Pass the original X-Forwarded-For".into(),
        "\tproxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;".into(),
        "\t".into(),
        "\t# mitigate HTTPoxy Vulnerability".into(),
        "\t# https://www.nginx.com/blog/mitigating-the-httpoxy-vulnerability-with-nginx/".into(),
        "\tproxy_set_header Proxy                  \"\";".into(),
        "\t".into(),
        "\t# Custom headers to proxied server".into(),
        "\t".into(),
        "\tproxy_connect_timeout                   5s;".into(),
        "\tproxy_send_timeout                      60s;".into(),
        "\tproxy_read_timeout                      60s;".into(),
        "\t".into(),
        "\tproxy_buffering                         off;".into(),
        "\tproxy_buffer_size                       4k;".into(),
        "\tproxy_buffers                           4 4k;".into(),
        "\t".into(),
        "\tproxy_max_temp_file_size                1024m;".into(),
        "\t".into(),
        "\tproxy_request_buffering                 on;".into(),
        "\tproxy_http_version                      1.1;".into(),
        "\t".into(),
        "\tproxy_cookie_domain                     off;".into(),
        "\tproxy_cookie_path                       off;".into(),
        "\t".into(),
        "\t# In case of errors try the next upstream server before returning an error".into(),
        "\tproxy_next_upstream                     error timeout;".into(),
        "\tproxy_next_upstream_timeout             0;".into(),
        "\tproxy_next_upstream_tries               3;".into(),
        "\t".into(),
        "\t# Custom Response Headers".into(),
        "\t".into(),
    ];
    for line in lines {
        out.push_str(&format!("\t\t{line}\n"));
    }
    if let Some(target) = &l.rewrite_target {
        out.push_str(&format!("\t\t\trewrite \"(?i){}\" {target} break;\n", l.path));
    }
    if let Some(prefix) = &l.x_forwarded_prefix {
        out.push_str(&format!("\t\t\tproxy_set_header X-Forwarded-Prefix \"{prefix}\";\n"));
    }
    out.push_str("\t\t\tproxy_pass http://upstream_balancer;\n\t\t\t\n\t\t\tproxy_redirect                          off;\n\t\t\t\n\t\t}\n\t\t\n");
}
