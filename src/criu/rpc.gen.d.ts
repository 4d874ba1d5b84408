import * as $protobuf from "protobufjs";
import Long = require("long");

export interface Icriu_page_server_info extends criu_page_server_info.$Properties {
}

export class criu_page_server_info {
    constructor(properties?: criu_page_server_info.$Properties);
    $unknowns?: Uint8Array[];
    address: string;
    port: number;
    pid: number;
    fd: number;
    static encode(message: criu_page_server_info.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_page_server_info & criu_page_server_info.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_page_server_info {
    interface $Properties {
        address?: (string|null);
        port?: (number|null);
        pid?: (number|null);
        fd?: (number|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_page_server_info.$Properties;
}

export interface Icriu_veth_pair extends criu_veth_pair.$Properties {
}

export class criu_veth_pair {
    constructor(properties?: criu_veth_pair.$Properties);
    $unknowns?: Uint8Array[];
    if_in: string;
    if_out: string;
    static encode(message: criu_veth_pair.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_veth_pair & criu_veth_pair.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_veth_pair {
    interface $Properties {
        if_in: string;
        if_out: string;
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_veth_pair.$Properties;
}

export interface Iext_mount_map extends ext_mount_map.$Properties {
}

export class ext_mount_map {
    constructor(properties?: ext_mount_map.$Properties);
    $unknowns?: Uint8Array[];
    key: string;
    val: string;
    static encode(message: ext_mount_map.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ext_mount_map & ext_mount_map.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace ext_mount_map {
    interface $Properties {
        key: string;
        val: string;
        $unknowns?: Uint8Array[];
    }
    type $Shape = ext_mount_map.$Properties;
}

export interface Ijoin_namespace extends join_namespace.$Properties {
}

export class join_namespace {
    constructor(properties?: join_namespace.$Properties);
    $unknowns?: Uint8Array[];
    ns: string;
    ns_file: string;
    extra_opt: string;
    static encode(message: join_namespace.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): join_namespace & join_namespace.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace join_namespace {
    interface $Properties {
        ns: string;
        ns_file: string;
        extra_opt?: (string|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = join_namespace.$Properties;
}

export interface Iinherit_fd extends inherit_fd.$Properties {
}

export class inherit_fd {
    constructor(properties?: inherit_fd.$Properties);
    $unknowns?: Uint8Array[];
    key: string;
    fd: number;
    static encode(message: inherit_fd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): inherit_fd & inherit_fd.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace inherit_fd {
    interface $Properties {
        key: string;
        fd: number;
        $unknowns?: Uint8Array[];
    }
    type $Shape = inherit_fd.$Properties;
}

export interface Icgroup_root extends cgroup_root.$Properties {
}

export class cgroup_root {
    constructor(properties?: cgroup_root.$Properties);
    $unknowns?: Uint8Array[];
    ctrl: string;
    path: string;
    static encode(message: cgroup_root.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cgroup_root & cgroup_root.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace cgroup_root {
    interface $Properties {
        ctrl?: (string|null);
        path: string;
        $unknowns?: Uint8Array[];
    }
    type $Shape = cgroup_root.$Properties;
}

export interface Iunix_sk extends unix_sk.$Properties {
}

export class unix_sk {
    constructor(properties?: unix_sk.$Properties);
    $unknowns?: Uint8Array[];
    inode: number;
    static encode(message: unix_sk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): unix_sk & unix_sk.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace unix_sk {
    interface $Properties {
        inode: number;
        $unknowns?: Uint8Array[];
    }
    type $Shape = unix_sk.$Properties;
}

export enum criu_cg_mode {
    IGNORE = 0,
    CG_NONE = 1,
    PROPS = 2,
    SOFT = 3,
    FULL = 4,
    STRICT = 5,
    DEFAULT = 6
}

export enum criu_network_lock_method {
    IPTABLES = 1,
    NFTABLES = 2,
    SKIP = 3
}

export enum criu_pre_dump_mode {
    SPLICE = 1,
    VM_READ = 2
}

export interface Icriu_opts extends criu_opts.$Properties {
}

export class criu_opts {
    constructor(properties?: criu_opts.$Properties);
    $unknowns?: Uint8Array[];
    images_dir_fd: number;
    images_dir: string;
    pid: number;
    leave_running: boolean;
    ext_unix_sk: boolean;
    tcp_established: boolean;
    evasive_devices: boolean;
    shell_job: boolean;
    file_locks: boolean;
    log_level: number;
    log_file: string;
    ps?: (criu_page_server_info.$Properties|null);
    notify_scripts: boolean;
    root: string;
    parent_img: string;
    track_mem: boolean;
    auto_dedup: boolean;
    work_dir_fd: number;
    link_remap: boolean;
    veths: criu_veth_pair.$Properties[];
    cpu_cap: number;
    force_irmap: boolean;
    exec_cmd: string[];
    ext_mnt: ext_mount_map.$Properties[];
    manage_cgroups: boolean;
    cg_root: cgroup_root.$Properties[];
    rst_sibling: boolean;
    inherit_fd: inherit_fd.$Properties[];
    auto_ext_mnt: boolean;
    ext_sharing: boolean;
    ext_masters: boolean;
    skip_mnt: string[];
    enable_fs: string[];
    unix_sk_ino: unix_sk.$Properties[];
    manage_cgroups_mode: criu_cg_mode;
    ghost_limit: number;
    irmap_scan_paths: string[];
    external: string[];
    empty_ns: number;
    join_ns: join_namespace.$Properties[];
    cgroup_props: string;
    cgroup_props_file: string;
    cgroup_dump_controller: string[];
    freeze_cgroup: string;
    timeout: number;
    tcp_skip_in_flight: boolean;
    weak_sysctls: boolean;
    lazy_pages: boolean;
    status_fd: number;
    orphan_pts_master: boolean;
    config_file: string;
    tcp_close: boolean;
    lsm_profile: string;
    tls_cacert: string;
    tls_cacrl: string;
    tls_cert: string;
    tls_key: string;
    tls: boolean;
    tls_no_cn_verify: boolean;
    cgroup_yard: string;
    pre_dump_mode: criu_pre_dump_mode;
    pidfd_store_sk: number;
    lsm_mount_context: string;
    network_lock: criu_network_lock_method;
    mntns_compat_mode: boolean;
    skip_file_rwx_check: boolean;
    unprivileged: boolean;
    leave_stopped: boolean;
    display_stats: boolean;
    log_to_stderr: boolean;
    static encode(message: criu_opts.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_opts & criu_opts.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_opts {
    interface $Properties {
        images_dir_fd: number;
        images_dir?: (string|null);
        pid?: (number|null);
        leave_running?: (boolean|null);
        ext_unix_sk?: (boolean|null);
        tcp_established?: (boolean|null);
        evasive_devices?: (boolean|null);
        shell_job?: (boolean|null);
        file_locks?: (boolean|null);
        log_level?: (number|null);
        log_file?: (string|null);
        ps?: (criu_page_server_info.$Properties|null);
        notify_scripts?: (boolean|null);
        root?: (string|null);
        parent_img?: (string|null);
        track_mem?: (boolean|null);
        auto_dedup?: (boolean|null);
        work_dir_fd?: (number|null);
        link_remap?: (boolean|null);
        veths?: (criu_veth_pair.$Properties[]|null);
        cpu_cap?: (number|null);
        force_irmap?: (boolean|null);
        exec_cmd?: (string[]|null);
        ext_mnt?: (ext_mount_map.$Properties[]|null);
        manage_cgroups?: (boolean|null);
        cg_root?: (cgroup_root.$Properties[]|null);
        rst_sibling?: (boolean|null);
        inherit_fd?: (inherit_fd.$Properties[]|null);
        auto_ext_mnt?: (boolean|null);
        ext_sharing?: (boolean|null);
        ext_masters?: (boolean|null);
        skip_mnt?: (string[]|null);
        enable_fs?: (string[]|null);
        unix_sk_ino?: (unix_sk.$Properties[]|null);
        manage_cgroups_mode?: (criu_cg_mode|null);
        ghost_limit?: (number|null);
        irmap_scan_paths?: (string[]|null);
        external?: (string[]|null);
        empty_ns?: (number|null);
        join_ns?: (join_namespace.$Properties[]|null);
        cgroup_props?: (string|null);
        cgroup_props_file?: (string|null);
        cgroup_dump_controller?: (string[]|null);
        freeze_cgroup?: (string|null);
        timeout?: (number|null);
        tcp_skip_in_flight?: (boolean|null);
        weak_sysctls?: (boolean|null);
        lazy_pages?: (boolean|null);
        status_fd?: (number|null);
        orphan_pts_master?: (boolean|null);
        config_file?: (string|null);
        tcp_close?: (boolean|null);
        lsm_profile?: (string|null);
        tls_cacert?: (string|null);
        tls_cacrl?: (string|null);
        tls_cert?: (string|null);
        tls_key?: (string|null);
        tls?: (boolean|null);
        tls_no_cn_verify?: (boolean|null);
        cgroup_yard?: (string|null);
        pre_dump_mode?: (criu_pre_dump_mode|null);
        pidfd_store_sk?: (number|null);
        lsm_mount_context?: (string|null);
        network_lock?: (criu_network_lock_method|null);
        mntns_compat_mode?: (boolean|null);
        skip_file_rwx_check?: (boolean|null);
        unprivileged?: (boolean|null);
        leave_stopped?: (boolean|null);
        display_stats?: (boolean|null);
        log_to_stderr?: (boolean|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_opts.$Properties;
}

export interface Icriu_dump_resp extends criu_dump_resp.$Properties {
}

export class criu_dump_resp {
    constructor(properties?: criu_dump_resp.$Properties);
    $unknowns?: Uint8Array[];
    restored: boolean;
    static encode(message: criu_dump_resp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_dump_resp & criu_dump_resp.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_dump_resp {
    interface $Properties {
        restored?: (boolean|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_dump_resp.$Properties;
}

export interface Icriu_restore_resp extends criu_restore_resp.$Properties {
}

export class criu_restore_resp {
    constructor(properties?: criu_restore_resp.$Properties);
    $unknowns?: Uint8Array[];
    pid: number;
    static encode(message: criu_restore_resp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_restore_resp & criu_restore_resp.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_restore_resp {
    interface $Properties {
        pid: number;
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_restore_resp.$Properties;
}

export interface Icriu_notify extends criu_notify.$Properties {
}

export class criu_notify {
    constructor(properties?: criu_notify.$Properties);
    $unknowns?: Uint8Array[];
    script: string;
    pid: number;
    static encode(message: criu_notify.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_notify & criu_notify.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_notify {
    interface $Properties {
        script?: (string|null);
        pid?: (number|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_notify.$Properties;
}

export enum criu_req_type {
    EMPTY = 0,
    DUMP = 1,
    RESTORE = 2,
    CHECK = 3,
    PRE_DUMP = 4,
    PAGE_SERVER = 5,
    NOTIFY = 6,
    CPUINFO_DUMP = 7,
    CPUINFO_CHECK = 8,
    FEATURE_CHECK = 9,
    VERSION = 10,
    WAIT_PID = 11,
    PAGE_SERVER_CHLD = 12,
    SINGLE_PRE_DUMP = 13
}

export interface Icriu_features extends criu_features.$Properties {
}

export class criu_features {
    constructor(properties?: criu_features.$Properties);
    $unknowns?: Uint8Array[];
    mem_track: boolean;
    lazy_pages: boolean;
    pidfd_store: boolean;
    static encode(message: criu_features.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_features & criu_features.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_features {
    interface $Properties {
        mem_track?: (boolean|null);
        lazy_pages?: (boolean|null);
        pidfd_store?: (boolean|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_features.$Properties;
}

export interface Icriu_req extends criu_req.$Properties {
}

export class criu_req {
    constructor(properties?: criu_req.$Properties);
    $unknowns?: Uint8Array[];
    type: criu_req_type;
    opts?: (criu_opts.$Properties|null);
    notify_success: boolean;
    keep_open: boolean;
    features?: (criu_features.$Properties|null);
    pid: number;
    static encode(message: criu_req.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_req & criu_req.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_req {
    interface $Properties {
        type: criu_req_type;
        opts?: (criu_opts.$Properties|null);
        notify_success?: (boolean|null);
        keep_open?: (boolean|null);
        features?: (criu_features.$Properties|null);
        pid?: (number|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_req.$Properties;
}

export interface Icriu_resp extends criu_resp.$Properties {
}

export class criu_resp {
    constructor(properties?: criu_resp.$Properties);
    $unknowns?: Uint8Array[];
    type: criu_req_type;
    success: boolean;
    dump?: (criu_dump_resp.$Properties|null);
    restore?: (criu_restore_resp.$Properties|null);
    notify?: (criu_notify.$Properties|null);
    ps?: (criu_page_server_info.$Properties|null);
    cr_errno: number;
    features?: (criu_features.$Properties|null);
    cr_errmsg: string;
    version?: (criu_version.$Properties|null);
    status: number;
    static encode(message: criu_resp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_resp & criu_resp.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_resp {
    interface $Properties {
        type: criu_req_type;
        success: boolean;
        dump?: (criu_dump_resp.$Properties|null);
        restore?: (criu_restore_resp.$Properties|null);
        notify?: (criu_notify.$Properties|null);
        ps?: (criu_page_server_info.$Properties|null);
        cr_errno?: (number|null);
        features?: (criu_features.$Properties|null);
        cr_errmsg?: (string|null);
        version?: (criu_version.$Properties|null);
        status?: (number|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_resp.$Properties;
}

export interface Icriu_version extends criu_version.$Properties {
}

export class criu_version {
    constructor(properties?: criu_version.$Properties);
    $unknowns?: Uint8Array[];
    major_number: number;
    minor_number: number;
    gitid: string;
    sublevel: number;
    extra: number;
    name: string;
    static encode(message: criu_version.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): criu_version & criu_version.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace criu_version {
    interface $Properties {
        major_number: number;
        minor_number: number;
        gitid?: (string|null);
        sublevel?: (number|null);
        extra?: (number|null);
        name?: (string|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = criu_version.$Properties;
}
