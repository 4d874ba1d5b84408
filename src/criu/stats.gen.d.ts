import * as $protobuf from "protobufjs";
import Long = require("long");

export interface Idump_stats_entry extends dump_stats_entry.$Properties {
}

export class dump_stats_entry {
    constructor(properties?: dump_stats_entry.$Properties);
    $unknowns?: Uint8Array[];
    freezing_time: number;
    frozen_time: number;
    memdump_time: number;
    memwrite_time: number;
    pages_scanned: (number|Long);
    pages_skipped_parent: (number|Long);
    pages_written: (number|Long);
    irmap_resolve: number;
    pages_lazy: (number|Long);
    page_pipes: (number|Long);
    page_pipe_bufs: (number|Long);
    shpages_scanned: (number|Long);
    shpages_skipped_parent: (number|Long);
    shpages_written: (number|Long);
    static encode(message: dump_stats_entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): dump_stats_entry & dump_stats_entry.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace dump_stats_entry {
    interface $Properties {
        freezing_time: number;
        frozen_time: number;
        memdump_time: number;
        memwrite_time: number;
        pages_scanned: (number|Long);
        pages_skipped_parent: (number|Long);
        pages_written: (number|Long);
        irmap_resolve?: (number|null);
        pages_lazy: (number|Long);
        page_pipes?: (number|Long|null);
        page_pipe_bufs?: (number|Long|null);
        shpages_scanned?: (number|Long|null);
        shpages_skipped_parent?: (number|Long|null);
        shpages_written?: (number|Long|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = dump_stats_entry.$Properties;
}

export interface Irestore_stats_entry extends restore_stats_entry.$Properties {
}

export class restore_stats_entry {
    constructor(properties?: restore_stats_entry.$Properties);
    $unknowns?: Uint8Array[];
    pages_compared: (number|Long);
    pages_skipped_cow: (number|Long);
    forking_time: number;
    restore_time: number;
    pages_restored: (number|Long);
    static encode(message: restore_stats_entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): restore_stats_entry & restore_stats_entry.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace restore_stats_entry {
    interface $Properties {
        pages_compared: (number|Long);
        pages_skipped_cow: (number|Long);
        forking_time: number;
        restore_time: number;
        pages_restored?: (number|Long|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = restore_stats_entry.$Properties;
}

export interface Istats_entry extends stats_entry.$Properties {
}

export class stats_entry {
    constructor(properties?: stats_entry.$Properties);
    $unknowns?: Uint8Array[];
    dump?: (dump_stats_entry.$Properties|null);
    restore?: (restore_stats_entry.$Properties|null);
    static encode(message: stats_entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): stats_entry & stats_entry.$Shape;
    static getTypeUrl(prefix?: string): string;
}

export namespace stats_entry {
    interface $Properties {
        dump?: (dump_stats_entry.$Properties|null);
        restore?: (restore_stats_entry.$Properties|null);
        $unknowns?: Uint8Array[];
    }
    type $Shape = stats_entry.$Properties;
}
