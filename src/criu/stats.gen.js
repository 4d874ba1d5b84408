/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const dump_stats_entry = $root.dump_stats_entry = (() => {

    /**
     * Properties of a dump_stats_entry.
     * @typedef {Object} dump_stats_entry.$Properties
     * @property {number} freezing_time dump_stats_entry freezing_time
     * @property {number} frozen_time dump_stats_entry frozen_time
     * @property {number} memdump_time dump_stats_entry memdump_time
     * @property {number} memwrite_time dump_stats_entry memwrite_time
     * @property {number|Long} pages_scanned dump_stats_entry pages_scanned
     * @property {number|Long} pages_skipped_parent dump_stats_entry pages_skipped_parent
     * @property {number|Long} pages_written dump_stats_entry pages_written
     * @property {number|null} [irmap_resolve] dump_stats_entry irmap_resolve
     * @property {number|Long} pages_lazy dump_stats_entry pages_lazy
     * @property {number|Long|null} [page_pipes] dump_stats_entry page_pipes
     * @property {number|Long|null} [page_pipe_bufs] dump_stats_entry page_pipe_bufs
     * @property {number|Long|null} [shpages_scanned] dump_stats_entry shpages_scanned
     * @property {number|Long|null} [shpages_skipped_parent] dump_stats_entry shpages_skipped_parent
     * @property {number|Long|null} [shpages_written] dump_stats_entry shpages_written
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a dump_stats_entry.
     * @exports Idump_stats_entry
     * @interface Idump_stats_entry
     * @augments dump_stats_entry.$Properties
     * @deprecated Use dump_stats_entry.$Properties instead.
     */

    /**
     * Shape of a dump_stats_entry.
     * @typedef {dump_stats_entry.$Properties} dump_stats_entry.$Shape
     */

    /**
     * Constructs a new dump_stats_entry.
     * @exports dump_stats_entry
     * @classdesc Represents a dump_stats_entry.
     * @constructor
     * @param {dump_stats_entry.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const dump_stats_entry = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * dump_stats_entry freezing_time.
     * @member {number} freezing_time
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.freezing_time = 0;

    /**
     * dump_stats_entry frozen_time.
     * @member {number} frozen_time
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.frozen_time = 0;

    /**
     * dump_stats_entry memdump_time.
     * @member {number} memdump_time
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.memdump_time = 0;

    /**
     * dump_stats_entry memwrite_time.
     * @member {number} memwrite_time
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.memwrite_time = 0;

    /**
     * dump_stats_entry pages_scanned.
     * @member {number|Long} pages_scanned
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.pages_scanned = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry pages_skipped_parent.
     * @member {number|Long} pages_skipped_parent
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.pages_skipped_parent = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry pages_written.
     * @member {number|Long} pages_written
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.pages_written = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry irmap_resolve.
     * @member {number} irmap_resolve
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.irmap_resolve = 0;

    /**
     * dump_stats_entry pages_lazy.
     * @member {number|Long} pages_lazy
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.pages_lazy = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry page_pipes.
     * @member {number|Long} page_pipes
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.page_pipes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry page_pipe_bufs.
     * @member {number|Long} page_pipe_bufs
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.page_pipe_bufs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry shpages_scanned.
     * @member {number|Long} shpages_scanned
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.shpages_scanned = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry shpages_skipped_parent.
     * @member {number|Long} shpages_skipped_parent
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.shpages_skipped_parent = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * dump_stats_entry shpages_written.
     * @member {number|Long} shpages_written
     * @memberof dump_stats_entry
     * @instance
     */
    dump_stats_entry.prototype.shpages_written = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * Encodes the specified dump_stats_entry message. Does not implicitly {@link dump_stats_entry.verify|verify} messages.
     * @function encode
     * @memberof dump_stats_entry
     * @static
     * @param {dump_stats_entry.$Properties} message dump_stats_entry message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    dump_stats_entry.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.freezing_time);
        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.frozen_time);
        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.memdump_time);
        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.memwrite_time);
        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.pages_scanned);
        writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.pages_skipped_parent);
        writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.pages_written);
        if (message.irmap_resolve != null && $Object.hasOwnProperty.call(message, "irmap_resolve"))
            writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.irmap_resolve);
        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.pages_lazy);
        if (message.page_pipes != null && $Object.hasOwnProperty.call(message, "page_pipes"))
            writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.page_pipes);
        if (message.page_pipe_bufs != null && $Object.hasOwnProperty.call(message, "page_pipe_bufs"))
            writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.page_pipe_bufs);
        if (message.shpages_scanned != null && $Object.hasOwnProperty.call(message, "shpages_scanned"))
            writer.uint32(/* id 12, wireType 0 =*/96).uint64(message.shpages_scanned);
        if (message.shpages_skipped_parent != null && $Object.hasOwnProperty.call(message, "shpages_skipped_parent"))
            writer.uint32(/* id 13, wireType 0 =*/104).uint64(message.shpages_skipped_parent);
        if (message.shpages_written != null && $Object.hasOwnProperty.call(message, "shpages_written"))
            writer.uint32(/* id 14, wireType 0 =*/112).uint64(message.shpages_written);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a dump_stats_entry message from the specified reader or buffer.
     * @function decode
     * @memberof dump_stats_entry
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {dump_stats_entry & dump_stats_entry.$Shape} dump_stats_entry
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    dump_stats_entry.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.dump_stats_entry();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 0)
                        break;
                    message.freezing_time = reader.uint32();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.frozen_time = reader.uint32();
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.memdump_time = reader.uint32();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.memwrite_time = reader.uint32();
                    continue;
                }
            case 5: {
                    if (wireType !== 0)
                        break;
                    message.pages_scanned = reader.uint64();
                    continue;
                }
            case 6: {
                    if (wireType !== 0)
                        break;
                    message.pages_skipped_parent = reader.uint64();
                    continue;
                }
            case 7: {
                    if (wireType !== 0)
                        break;
                    message.pages_written = reader.uint64();
                    continue;
                }
            case 8: {
                    if (wireType !== 0)
                        break;
                    message.irmap_resolve = reader.uint32();
                    continue;
                }
            case 9: {
                    if (wireType !== 0)
                        break;
                    message.pages_lazy = reader.uint64();
                    continue;
                }
            case 10: {
                    if (wireType !== 0)
                        break;
                    message.page_pipes = reader.uint64();
                    continue;
                }
            case 11: {
                    if (wireType !== 0)
                        break;
                    message.page_pipe_bufs = reader.uint64();
                    continue;
                }
            case 12: {
                    if (wireType !== 0)
                        break;
                    message.shpages_scanned = reader.uint64();
                    continue;
                }
            case 13: {
                    if (wireType !== 0)
                        break;
                    message.shpages_skipped_parent = reader.uint64();
                    continue;
                }
            case 14: {
                    if (wireType !== 0)
                        break;
                    message.shpages_written = reader.uint64();
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        if (!$Object.hasOwnProperty.call(message, "freezing_time"))
            throw $util.ProtocolError("missing required 'freezing_time'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "frozen_time"))
            throw $util.ProtocolError("missing required 'frozen_time'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "memdump_time"))
            throw $util.ProtocolError("missing required 'memdump_time'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "memwrite_time"))
            throw $util.ProtocolError("missing required 'memwrite_time'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "pages_scanned"))
            throw $util.ProtocolError("missing required 'pages_scanned'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "pages_skipped_parent"))
            throw $util.ProtocolError("missing required 'pages_skipped_parent'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "pages_written"))
            throw $util.ProtocolError("missing required 'pages_written'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "pages_lazy"))
            throw $util.ProtocolError("missing required 'pages_lazy'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for dump_stats_entry
     * @function getTypeUrl
     * @memberof dump_stats_entry
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    dump_stats_entry.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/dump_stats_entry";
    };

    return dump_stats_entry;
})();

export const restore_stats_entry = $root.restore_stats_entry = (() => {

    /**
     * Properties of a restore_stats_entry.
     * @typedef {Object} restore_stats_entry.$Properties
     * @property {number|Long} pages_compared restore_stats_entry pages_compared
     * @property {number|Long} pages_skipped_cow restore_stats_entry pages_skipped_cow
     * @property {number} forking_time restore_stats_entry forking_time
     * @property {number} restore_time restore_stats_entry restore_time
     * @property {number|Long|null} [pages_restored] restore_stats_entry pages_restored
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a restore_stats_entry.
     * @exports Irestore_stats_entry
     * @interface Irestore_stats_entry
     * @augments restore_stats_entry.$Properties
     * @deprecated Use restore_stats_entry.$Properties instead.
     */

    /**
     * Shape of a restore_stats_entry.
     * @typedef {restore_stats_entry.$Properties} restore_stats_entry.$Shape
     */

    /**
     * Constructs a new restore_stats_entry.
     * @exports restore_stats_entry
     * @classdesc Represents a restore_stats_entry.
     * @constructor
     * @param {restore_stats_entry.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const restore_stats_entry = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * restore_stats_entry pages_compared.
     * @member {number|Long} pages_compared
     * @memberof restore_stats_entry
     * @instance
     */
    restore_stats_entry.prototype.pages_compared = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * restore_stats_entry pages_skipped_cow.
     * @member {number|Long} pages_skipped_cow
     * @memberof restore_stats_entry
     * @instance
     */
    restore_stats_entry.prototype.pages_skipped_cow = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * restore_stats_entry forking_time.
     * @member {number} forking_time
     * @memberof restore_stats_entry
     * @instance
     */
    restore_stats_entry.prototype.forking_time = 0;

    /**
     * restore_stats_entry restore_time.
     * @member {number} restore_time
     * @memberof restore_stats_entry
     * @instance
     */
    restore_stats_entry.prototype.restore_time = 0;

    /**
     * restore_stats_entry pages_restored.
     * @member {number|Long} pages_restored
     * @memberof restore_stats_entry
     * @instance
     */
    restore_stats_entry.prototype.pages_restored = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

    /**
     * Encodes the specified restore_stats_entry message. Does not implicitly {@link restore_stats_entry.verify|verify} messages.
     * @function encode
     * @memberof restore_stats_entry
     * @static
     * @param {restore_stats_entry.$Properties} message restore_stats_entry message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    restore_stats_entry.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.pages_compared);
        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.pages_skipped_cow);
        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.forking_time);
        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.restore_time);
        if (message.pages_restored != null && $Object.hasOwnProperty.call(message, "pages_restored"))
            writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.pages_restored);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a restore_stats_entry message from the specified reader or buffer.
     * @function decode
     * @memberof restore_stats_entry
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {restore_stats_entry & restore_stats_entry.$Shape} restore_stats_entry
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    restore_stats_entry.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.restore_stats_entry();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 0)
                        break;
                    message.pages_compared = reader.uint64();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.pages_skipped_cow = reader.uint64();
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.forking_time = reader.uint32();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.restore_time = reader.uint32();
                    continue;
                }
            case 5: {
                    if (wireType !== 0)
                        break;
                    message.pages_restored = reader.uint64();
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        if (!$Object.hasOwnProperty.call(message, "pages_compared"))
            throw $util.ProtocolError("missing required 'pages_compared'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "pages_skipped_cow"))
            throw $util.ProtocolError("missing required 'pages_skipped_cow'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "forking_time"))
            throw $util.ProtocolError("missing required 'forking_time'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "restore_time"))
            throw $util.ProtocolError("missing required 'restore_time'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for restore_stats_entry
     * @function getTypeUrl
     * @memberof restore_stats_entry
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    restore_stats_entry.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/restore_stats_entry";
    };

    return restore_stats_entry;
})();

export const stats_entry = $root.stats_entry = (() => {

    /**
     * Properties of a stats_entry.
     * @typedef {Object} stats_entry.$Properties
     * @property {dump_stats_entry.$Properties|null} [dump] stats_entry dump
     * @property {restore_stats_entry.$Properties|null} [restore] stats_entry restore
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a stats_entry.
     * @exports Istats_entry
     * @interface Istats_entry
     * @augments stats_entry.$Properties
     * @deprecated Use stats_entry.$Properties instead.
     */

    /**
     * Shape of a stats_entry.
     * @typedef {stats_entry.$Properties} stats_entry.$Shape
     */

    /**
     * Constructs a new stats_entry.
     * @exports stats_entry
     * @classdesc Represents a stats_entry.
     * @constructor
     * @param {stats_entry.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const stats_entry = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * stats_entry dump.
     * @member {dump_stats_entry.$Properties|null|undefined} dump
     * @memberof stats_entry
     * @instance
     */
    stats_entry.prototype.dump = null;

    /**
     * stats_entry restore.
     * @member {restore_stats_entry.$Properties|null|undefined} restore
     * @memberof stats_entry
     * @instance
     */
    stats_entry.prototype.restore = null;

    /**
     * Encodes the specified stats_entry message. Does not implicitly {@link stats_entry.verify|verify} messages.
     * @function encode
     * @memberof stats_entry
     * @static
     * @param {stats_entry.$Properties} message stats_entry message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    stats_entry.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.dump != null && $Object.hasOwnProperty.call(message, "dump"))
            $root.dump_stats_entry.encode(message.dump, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
        if (message.restore != null && $Object.hasOwnProperty.call(message, "restore"))
            $root.restore_stats_entry.encode(message.restore, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a stats_entry message from the specified reader or buffer.
     * @function decode
     * @memberof stats_entry
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {stats_entry & stats_entry.$Shape} stats_entry
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    stats_entry.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.stats_entry();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    message.dump = $root.dump_stats_entry.decode(reader, reader.size(), $undefined, _depth + 1, message.dump);
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.restore = $root.restore_stats_entry.decode(reader, reader.size(), $undefined, _depth + 1, message.restore);
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Gets the type url for stats_entry
     * @function getTypeUrl
     * @memberof stats_entry
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    stats_entry.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/stats_entry";
    };

    return stats_entry;
})();

export {
  $root as default
};
