/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const criu_page_server_info = $root.criu_page_server_info = (() => {

    /**
     * Properties of a criu_page_server_info.
     * @typedef {Object} criu_page_server_info.$Properties
     * @property {string|null} [address] criu_page_server_info address
     * @property {number|null} [port] criu_page_server_info port
     * @property {number|null} [pid] criu_page_server_info pid
     * @property {number|null} [fd] criu_page_server_info fd
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_page_server_info.
     * @exports Icriu_page_server_info
     * @interface Icriu_page_server_info
     * @augments criu_page_server_info.$Properties
     * @deprecated Use criu_page_server_info.$Properties instead.
     */

    /**
     * Shape of a criu_page_server_info.
     * @typedef {criu_page_server_info.$Properties} criu_page_server_info.$Shape
     */

    /**
     * Constructs a new criu_page_server_info.
     * @exports criu_page_server_info
     * @classdesc Represents a criu_page_server_info.
     * @constructor
     * @param {criu_page_server_info.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_page_server_info = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_page_server_info address.
     * @member {string} address
     * @memberof criu_page_server_info
     * @instance
     */
    criu_page_server_info.prototype.address = "";

    /**
     * criu_page_server_info port.
     * @member {number} port
     * @memberof criu_page_server_info
     * @instance
     */
    criu_page_server_info.prototype.port = 0;

    /**
     * criu_page_server_info pid.
     * @member {number} pid
     * @memberof criu_page_server_info
     * @instance
     */
    criu_page_server_info.prototype.pid = 0;

    /**
     * criu_page_server_info fd.
     * @member {number} fd
     * @memberof criu_page_server_info
     * @instance
     */
    criu_page_server_info.prototype.fd = 0;

    /**
     * Encodes the specified criu_page_server_info message. Does not implicitly {@link criu_page_server_info.verify|verify} messages.
     * @function encode
     * @memberof criu_page_server_info
     * @static
     * @param {criu_page_server_info.$Properties} message criu_page_server_info message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_page_server_info.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.address != null && $Object.hasOwnProperty.call(message, "address"))
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
        if (message.port != null && $Object.hasOwnProperty.call(message, "port"))
            writer.uint32(/* id 2, wireType 0 =*/16).int32(message.port);
        if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
            writer.uint32(/* id 3, wireType 0 =*/24).int32(message.pid);
        if (message.fd != null && $Object.hasOwnProperty.call(message, "fd"))
            writer.uint32(/* id 4, wireType 0 =*/32).int32(message.fd);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_page_server_info message from the specified reader or buffer.
     * @function decode
     * @memberof criu_page_server_info
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_page_server_info & criu_page_server_info.$Shape} criu_page_server_info
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_page_server_info.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_page_server_info();
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
                    message.address = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.port = reader.int32();
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.pid = reader.int32();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.fd = reader.int32();
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
     * Gets the type url for criu_page_server_info
     * @function getTypeUrl
     * @memberof criu_page_server_info
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_page_server_info.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_page_server_info";
    };

    return criu_page_server_info;
})();

export const criu_veth_pair = $root.criu_veth_pair = (() => {

    /**
     * Properties of a criu_veth_pair.
     * @typedef {Object} criu_veth_pair.$Properties
     * @property {string} if_in criu_veth_pair if_in
     * @property {string} if_out criu_veth_pair if_out
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_veth_pair.
     * @exports Icriu_veth_pair
     * @interface Icriu_veth_pair
     * @augments criu_veth_pair.$Properties
     * @deprecated Use criu_veth_pair.$Properties instead.
     */

    /**
     * Shape of a criu_veth_pair.
     * @typedef {criu_veth_pair.$Properties} criu_veth_pair.$Shape
     */

    /**
     * Constructs a new criu_veth_pair.
     * @exports criu_veth_pair
     * @classdesc Represents a criu_veth_pair.
     * @constructor
     * @param {criu_veth_pair.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_veth_pair = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_veth_pair if_in.
     * @member {string} if_in
     * @memberof criu_veth_pair
     * @instance
     */
    criu_veth_pair.prototype.if_in = "";

    /**
     * criu_veth_pair if_out.
     * @member {string} if_out
     * @memberof criu_veth_pair
     * @instance
     */
    criu_veth_pair.prototype.if_out = "";

    /**
     * Encodes the specified criu_veth_pair message. Does not implicitly {@link criu_veth_pair.verify|verify} messages.
     * @function encode
     * @memberof criu_veth_pair
     * @static
     * @param {criu_veth_pair.$Properties} message criu_veth_pair message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_veth_pair.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 2 =*/10).string(message.if_in);
        writer.uint32(/* id 2, wireType 2 =*/18).string(message.if_out);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_veth_pair message from the specified reader or buffer.
     * @function decode
     * @memberof criu_veth_pair
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_veth_pair & criu_veth_pair.$Shape} criu_veth_pair
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_veth_pair.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_veth_pair();
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
                    message.if_in = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.if_out = reader.string();
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
        if (!$Object.hasOwnProperty.call(message, "if_in"))
            throw $util.ProtocolError("missing required 'if_in'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "if_out"))
            throw $util.ProtocolError("missing required 'if_out'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_veth_pair
     * @function getTypeUrl
     * @memberof criu_veth_pair
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_veth_pair.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_veth_pair";
    };

    return criu_veth_pair;
})();

export const ext_mount_map = $root.ext_mount_map = (() => {

    /**
     * Properties of an ext_mount_map.
     * @typedef {Object} ext_mount_map.$Properties
     * @property {string} key ext_mount_map key
     * @property {string} val ext_mount_map val
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of an ext_mount_map.
     * @exports Iext_mount_map
     * @interface Iext_mount_map
     * @augments ext_mount_map.$Properties
     * @deprecated Use ext_mount_map.$Properties instead.
     */

    /**
     * Shape of an ext_mount_map.
     * @typedef {ext_mount_map.$Properties} ext_mount_map.$Shape
     */

    /**
     * Constructs a new ext_mount_map.
     * @exports ext_mount_map
     * @classdesc Represents an ext_mount_map.
     * @constructor
     * @param {ext_mount_map.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const ext_mount_map = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * ext_mount_map key.
     * @member {string} key
     * @memberof ext_mount_map
     * @instance
     */
    ext_mount_map.prototype.key = "";

    /**
     * ext_mount_map val.
     * @member {string} val
     * @memberof ext_mount_map
     * @instance
     */
    ext_mount_map.prototype.val = "";

    /**
     * Encodes the specified ext_mount_map message. Does not implicitly {@link ext_mount_map.verify|verify} messages.
     * @function encode
     * @memberof ext_mount_map
     * @static
     * @param {ext_mount_map.$Properties} message ext_mount_map message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    ext_mount_map.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 2 =*/10).string(message.key);
        writer.uint32(/* id 2, wireType 2 =*/18).string(message.val);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes an ext_mount_map message from the specified reader or buffer.
     * @function decode
     * @memberof ext_mount_map
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {ext_mount_map & ext_mount_map.$Shape} ext_mount_map
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    ext_mount_map.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.ext_mount_map();
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
                    message.key = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.val = reader.string();
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
        if (!$Object.hasOwnProperty.call(message, "key"))
            throw $util.ProtocolError("missing required 'key'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "val"))
            throw $util.ProtocolError("missing required 'val'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for ext_mount_map
     * @function getTypeUrl
     * @memberof ext_mount_map
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    ext_mount_map.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/ext_mount_map";
    };

    return ext_mount_map;
})();

export const join_namespace = $root.join_namespace = (() => {

    /**
     * Properties of a join_namespace.
     * @typedef {Object} join_namespace.$Properties
     * @property {string} ns join_namespace ns
     * @property {string} ns_file join_namespace ns_file
     * @property {string|null} [extra_opt] join_namespace extra_opt
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a join_namespace.
     * @exports Ijoin_namespace
     * @interface Ijoin_namespace
     * @augments join_namespace.$Properties
     * @deprecated Use join_namespace.$Properties instead.
     */

    /**
     * Shape of a join_namespace.
     * @typedef {join_namespace.$Properties} join_namespace.$Shape
     */

    /**
     * Constructs a new join_namespace.
     * @exports join_namespace
     * @classdesc Represents a join_namespace.
     * @constructor
     * @param {join_namespace.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const join_namespace = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * join_namespace ns.
     * @member {string} ns
     * @memberof join_namespace
     * @instance
     */
    join_namespace.prototype.ns = "";

    /**
     * join_namespace ns_file.
     * @member {string} ns_file
     * @memberof join_namespace
     * @instance
     */
    join_namespace.prototype.ns_file = "";

    /**
     * join_namespace extra_opt.
     * @member {string} extra_opt
     * @memberof join_namespace
     * @instance
     */
    join_namespace.prototype.extra_opt = "";

    /**
     * Encodes the specified join_namespace message. Does not implicitly {@link join_namespace.verify|verify} messages.
     * @function encode
     * @memberof join_namespace
     * @static
     * @param {join_namespace.$Properties} message join_namespace message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    join_namespace.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 2 =*/10).string(message.ns);
        writer.uint32(/* id 2, wireType 2 =*/18).string(message.ns_file);
        if (message.extra_opt != null && $Object.hasOwnProperty.call(message, "extra_opt"))
            writer.uint32(/* id 3, wireType 2 =*/26).string(message.extra_opt);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a join_namespace message from the specified reader or buffer.
     * @function decode
     * @memberof join_namespace
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {join_namespace & join_namespace.$Shape} join_namespace
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    join_namespace.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.join_namespace();
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
                    message.ns = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.ns_file = reader.string();
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.extra_opt = reader.string();
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
        if (!$Object.hasOwnProperty.call(message, "ns"))
            throw $util.ProtocolError("missing required 'ns'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "ns_file"))
            throw $util.ProtocolError("missing required 'ns_file'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for join_namespace
     * @function getTypeUrl
     * @memberof join_namespace
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    join_namespace.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/join_namespace";
    };

    return join_namespace;
})();

export const inherit_fd = $root.inherit_fd = (() => {

    /**
     * Properties of an inherit_fd.
     * @typedef {Object} inherit_fd.$Properties
     * @property {string} key inherit_fd key
     * @property {number} fd inherit_fd fd
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of an inherit_fd.
     * @exports Iinherit_fd
     * @interface Iinherit_fd
     * @augments inherit_fd.$Properties
     * @deprecated Use inherit_fd.$Properties instead.
     */

    /**
     * Shape of an inherit_fd.
     * @typedef {inherit_fd.$Properties} inherit_fd.$Shape
     */

    /**
     * Constructs a new inherit_fd.
     * @exports inherit_fd
     * @classdesc Represents an inherit_fd.
     * @constructor
     * @param {inherit_fd.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const inherit_fd = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * inherit_fd key.
     * @member {string} key
     * @memberof inherit_fd
     * @instance
     */
    inherit_fd.prototype.key = "";

    /**
     * inherit_fd fd.
     * @member {number} fd
     * @memberof inherit_fd
     * @instance
     */
    inherit_fd.prototype.fd = 0;

    /**
     * Encodes the specified inherit_fd message. Does not implicitly {@link inherit_fd.verify|verify} messages.
     * @function encode
     * @memberof inherit_fd
     * @static
     * @param {inherit_fd.$Properties} message inherit_fd message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    inherit_fd.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 2 =*/10).string(message.key);
        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.fd);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes an inherit_fd message from the specified reader or buffer.
     * @function decode
     * @memberof inherit_fd
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {inherit_fd & inherit_fd.$Shape} inherit_fd
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    inherit_fd.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.inherit_fd();
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
                    message.key = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.fd = reader.int32();
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
        if (!$Object.hasOwnProperty.call(message, "key"))
            throw $util.ProtocolError("missing required 'key'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "fd"))
            throw $util.ProtocolError("missing required 'fd'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for inherit_fd
     * @function getTypeUrl
     * @memberof inherit_fd
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    inherit_fd.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/inherit_fd";
    };

    return inherit_fd;
})();

export const cgroup_root = $root.cgroup_root = (() => {

    /**
     * Properties of a cgroup_root.
     * @typedef {Object} cgroup_root.$Properties
     * @property {string|null} [ctrl] cgroup_root ctrl
     * @property {string} path cgroup_root path
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a cgroup_root.
     * @exports Icgroup_root
     * @interface Icgroup_root
     * @augments cgroup_root.$Properties
     * @deprecated Use cgroup_root.$Properties instead.
     */

    /**
     * Shape of a cgroup_root.
     * @typedef {cgroup_root.$Properties} cgroup_root.$Shape
     */

    /**
     * Constructs a new cgroup_root.
     * @exports cgroup_root
     * @classdesc Represents a cgroup_root.
     * @constructor
     * @param {cgroup_root.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const cgroup_root = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * cgroup_root ctrl.
     * @member {string} ctrl
     * @memberof cgroup_root
     * @instance
     */
    cgroup_root.prototype.ctrl = "";

    /**
     * cgroup_root path.
     * @member {string} path
     * @memberof cgroup_root
     * @instance
     */
    cgroup_root.prototype.path = "";

    /**
     * Encodes the specified cgroup_root message. Does not implicitly {@link cgroup_root.verify|verify} messages.
     * @function encode
     * @memberof cgroup_root
     * @static
     * @param {cgroup_root.$Properties} message cgroup_root message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    cgroup_root.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.ctrl != null && $Object.hasOwnProperty.call(message, "ctrl"))
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.ctrl);
        writer.uint32(/* id 2, wireType 2 =*/18).string(message.path);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a cgroup_root message from the specified reader or buffer.
     * @function decode
     * @memberof cgroup_root
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {cgroup_root & cgroup_root.$Shape} cgroup_root
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    cgroup_root.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.cgroup_root();
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
                    message.ctrl = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.path = reader.string();
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
        if (!$Object.hasOwnProperty.call(message, "path"))
            throw $util.ProtocolError("missing required 'path'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for cgroup_root
     * @function getTypeUrl
     * @memberof cgroup_root
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    cgroup_root.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/cgroup_root";
    };

    return cgroup_root;
})();

export const unix_sk = $root.unix_sk = (() => {

    /**
     * Properties of a unix_sk.
     * @typedef {Object} unix_sk.$Properties
     * @property {number} inode unix_sk inode
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a unix_sk.
     * @exports Iunix_sk
     * @interface Iunix_sk
     * @augments unix_sk.$Properties
     * @deprecated Use unix_sk.$Properties instead.
     */

    /**
     * Shape of a unix_sk.
     * @typedef {unix_sk.$Properties} unix_sk.$Shape
     */

    /**
     * Constructs a new unix_sk.
     * @exports unix_sk
     * @classdesc Represents a unix_sk.
     * @constructor
     * @param {unix_sk.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const unix_sk = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * unix_sk inode.
     * @member {number} inode
     * @memberof unix_sk
     * @instance
     */
    unix_sk.prototype.inode = 0;

    /**
     * Encodes the specified unix_sk message. Does not implicitly {@link unix_sk.verify|verify} messages.
     * @function encode
     * @memberof unix_sk
     * @static
     * @param {unix_sk.$Properties} message unix_sk message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    unix_sk.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.inode);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a unix_sk message from the specified reader or buffer.
     * @function decode
     * @memberof unix_sk
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {unix_sk & unix_sk.$Shape} unix_sk
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    unix_sk.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.unix_sk();
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
                    message.inode = reader.uint32();
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
        if (!$Object.hasOwnProperty.call(message, "inode"))
            throw $util.ProtocolError("missing required 'inode'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for unix_sk
     * @function getTypeUrl
     * @memberof unix_sk
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    unix_sk.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/unix_sk";
    };

    return unix_sk;
})();

/**
 * criu_cg_mode enum.
 * @name criu_cg_mode
 * @enum {number}
 * @property {number} IGNORE=0 IGNORE value
 * @property {number} CG_NONE=1 CG_NONE value
 * @property {number} PROPS=2 PROPS value
 * @property {number} SOFT=3 SOFT value
 * @property {number} FULL=4 FULL value
 * @property {number} STRICT=5 STRICT value
 * @property {number} DEFAULT=6 DEFAULT value
 */
export const criu_cg_mode = $root.criu_cg_mode = (() => {
    const valuesById = $Object.create(null), values = $Object.create(valuesById);
    values[valuesById[0] = "IGNORE"] = 0;
    values[valuesById[1] = "CG_NONE"] = 1;
    values[valuesById[2] = "PROPS"] = 2;
    values[valuesById[3] = "SOFT"] = 3;
    values[valuesById[4] = "FULL"] = 4;
    values[valuesById[5] = "STRICT"] = 5;
    values[valuesById[6] = "DEFAULT"] = 6;
    return values;
})();

/**
 * criu_network_lock_method enum.
 * @name criu_network_lock_method
 * @enum {number}
 * @property {number} IPTABLES=1 IPTABLES value
 * @property {number} NFTABLES=2 NFTABLES value
 * @property {number} SKIP=3 SKIP value
 */
export const criu_network_lock_method = $root.criu_network_lock_method = (() => {
    const valuesById = $Object.create(null), values = $Object.create(valuesById);
    values[valuesById[1] = "IPTABLES"] = 1;
    values[valuesById[2] = "NFTABLES"] = 2;
    values[valuesById[3] = "SKIP"] = 3;
    return values;
})();

/**
 * criu_pre_dump_mode enum.
 * @name criu_pre_dump_mode
 * @enum {number}
 * @property {number} SPLICE=1 SPLICE value
 * @property {number} VM_READ=2 VM_READ value
 */
export const criu_pre_dump_mode = $root.criu_pre_dump_mode = (() => {
    const valuesById = $Object.create(null), values = $Object.create(valuesById);
    values[valuesById[1] = "SPLICE"] = 1;
    values[valuesById[2] = "VM_READ"] = 2;
    return values;
})();

export const criu_opts = $root.criu_opts = (() => {

    /**
     * Properties of a criu_opts.
     * @typedef {Object} criu_opts.$Properties
     * @property {number} images_dir_fd criu_opts images_dir_fd
     * @property {string|null} [images_dir] criu_opts images_dir
     * @property {number|null} [pid] criu_opts pid
     * @property {boolean|null} [leave_running] criu_opts leave_running
     * @property {boolean|null} [ext_unix_sk] criu_opts ext_unix_sk
     * @property {boolean|null} [tcp_established] criu_opts tcp_established
     * @property {boolean|null} [evasive_devices] criu_opts evasive_devices
     * @property {boolean|null} [shell_job] criu_opts shell_job
     * @property {boolean|null} [file_locks] criu_opts file_locks
     * @property {number|null} [log_level] criu_opts log_level
     * @property {string|null} [log_file] criu_opts log_file
     * @property {criu_page_server_info.$Properties|null} [ps] criu_opts ps
     * @property {boolean|null} [notify_scripts] criu_opts notify_scripts
     * @property {string|null} [root] criu_opts root
     * @property {string|null} [parent_img] criu_opts parent_img
     * @property {boolean|null} [track_mem] criu_opts track_mem
     * @property {boolean|null} [auto_dedup] criu_opts auto_dedup
     * @property {number|null} [work_dir_fd] criu_opts work_dir_fd
     * @property {boolean|null} [link_remap] criu_opts link_remap
     * @property {Array.<criu_veth_pair.$Properties>|null} [veths] criu_opts veths
     * @property {number|null} [cpu_cap] criu_opts cpu_cap
     * @property {boolean|null} [force_irmap] criu_opts force_irmap
     * @property {Array.<string>|null} [exec_cmd] criu_opts exec_cmd
     * @property {Array.<ext_mount_map.$Properties>|null} [ext_mnt] criu_opts ext_mnt
     * @property {boolean|null} [manage_cgroups] criu_opts manage_cgroups
     * @property {Array.<cgroup_root.$Properties>|null} [cg_root] criu_opts cg_root
     * @property {boolean|null} [rst_sibling] criu_opts rst_sibling
     * @property {Array.<inherit_fd.$Properties>|null} [inherit_fd] criu_opts inherit_fd
     * @property {boolean|null} [auto_ext_mnt] criu_opts auto_ext_mnt
     * @property {boolean|null} [ext_sharing] criu_opts ext_sharing
     * @property {boolean|null} [ext_masters] criu_opts ext_masters
     * @property {Array.<string>|null} [skip_mnt] criu_opts skip_mnt
     * @property {Array.<string>|null} [enable_fs] criu_opts enable_fs
     * @property {Array.<unix_sk.$Properties>|null} [unix_sk_ino] criu_opts unix_sk_ino
     * @property {criu_cg_mode|null} [manage_cgroups_mode] criu_opts manage_cgroups_mode
     * @property {number|null} [ghost_limit] criu_opts ghost_limit
     * @property {Array.<string>|null} [irmap_scan_paths] criu_opts irmap_scan_paths
     * @property {Array.<string>|null} [external] criu_opts external
     * @property {number|null} [empty_ns] criu_opts empty_ns
     * @property {Array.<join_namespace.$Properties>|null} [join_ns] criu_opts join_ns
     * @property {string|null} [cgroup_props] criu_opts cgroup_props
     * @property {string|null} [cgroup_props_file] criu_opts cgroup_props_file
     * @property {Array.<string>|null} [cgroup_dump_controller] criu_opts cgroup_dump_controller
     * @property {string|null} [freeze_cgroup] criu_opts freeze_cgroup
     * @property {number|null} [timeout] criu_opts timeout
     * @property {boolean|null} [tcp_skip_in_flight] criu_opts tcp_skip_in_flight
     * @property {boolean|null} [weak_sysctls] criu_opts weak_sysctls
     * @property {boolean|null} [lazy_pages] criu_opts lazy_pages
     * @property {number|null} [status_fd] criu_opts status_fd
     * @property {boolean|null} [orphan_pts_master] criu_opts orphan_pts_master
     * @property {string|null} [config_file] criu_opts config_file
     * @property {boolean|null} [tcp_close] criu_opts tcp_close
     * @property {string|null} [lsm_profile] criu_opts lsm_profile
     * @property {string|null} [tls_cacert] criu_opts tls_cacert
     * @property {string|null} [tls_cacrl] criu_opts tls_cacrl
     * @property {string|null} [tls_cert] criu_opts tls_cert
     * @property {string|null} [tls_key] criu_opts tls_key
     * @property {boolean|null} [tls] criu_opts tls
     * @property {boolean|null} [tls_no_cn_verify] criu_opts tls_no_cn_verify
     * @property {string|null} [cgroup_yard] criu_opts cgroup_yard
     * @property {criu_pre_dump_mode|null} [pre_dump_mode] criu_opts pre_dump_mode
     * @property {number|null} [pidfd_store_sk] criu_opts pidfd_store_sk
     * @property {string|null} [lsm_mount_context] criu_opts lsm_mount_context
     * @property {criu_network_lock_method|null} [network_lock] criu_opts network_lock
     * @property {boolean|null} [mntns_compat_mode] criu_opts mntns_compat_mode
     * @property {boolean|null} [skip_file_rwx_check] criu_opts skip_file_rwx_check
     * @property {boolean|null} [unprivileged] criu_opts unprivileged
     * @property {boolean|null} [leave_stopped] criu_opts leave_stopped
     * @property {boolean|null} [display_stats] criu_opts display_stats
     * @property {boolean|null} [log_to_stderr] criu_opts log_to_stderr
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_opts.
     * @exports Icriu_opts
     * @interface Icriu_opts
     * @augments criu_opts.$Properties
     * @deprecated Use criu_opts.$Properties instead.
     */

    /**
     * Shape of a criu_opts.
     * @typedef {criu_opts.$Properties} criu_opts.$Shape
     */

    /**
     * Constructs a new criu_opts.
     * @exports criu_opts
     * @classdesc Represents a criu_opts.
     * @constructor
     * @param {criu_opts.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_opts = function (properties) {
        this.veths = [];
        this.exec_cmd = [];
        this.ext_mnt = [];
        this.cg_root = [];
        this.inherit_fd = [];
        this.skip_mnt = [];
        this.enable_fs = [];
        this.unix_sk_ino = [];
        this.irmap_scan_paths = [];
        this.external = [];
        this.join_ns = [];
        this.cgroup_dump_controller = [];
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_opts images_dir_fd.
     * @member {number} images_dir_fd
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.images_dir_fd = -1;

    /**
     * criu_opts images_dir.
     * @member {string} images_dir
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.images_dir = "";

    /**
     * criu_opts pid.
     * @member {number} pid
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.pid = 0;

    /**
     * criu_opts leave_running.
     * @member {boolean} leave_running
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.leave_running = false;

    /**
     * criu_opts ext_unix_sk.
     * @member {boolean} ext_unix_sk
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ext_unix_sk = false;

    /**
     * criu_opts tcp_established.
     * @member {boolean} tcp_established
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tcp_established = false;

    /**
     * criu_opts evasive_devices.
     * @member {boolean} evasive_devices
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.evasive_devices = false;

    /**
     * criu_opts shell_job.
     * @member {boolean} shell_job
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.shell_job = false;

    /**
     * criu_opts file_locks.
     * @member {boolean} file_locks
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.file_locks = false;

    /**
     * criu_opts log_level.
     * @member {number} log_level
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.log_level = 2;

    /**
     * criu_opts log_file.
     * @member {string} log_file
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.log_file = "";

    /**
     * criu_opts ps.
     * @member {criu_page_server_info.$Properties|null|undefined} ps
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ps = null;

    /**
     * criu_opts notify_scripts.
     * @member {boolean} notify_scripts
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.notify_scripts = false;

    /**
     * criu_opts root.
     * @member {string} root
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.root = "";

    /**
     * criu_opts parent_img.
     * @member {string} parent_img
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.parent_img = "";

    /**
     * criu_opts track_mem.
     * @member {boolean} track_mem
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.track_mem = false;

    /**
     * criu_opts auto_dedup.
     * @member {boolean} auto_dedup
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.auto_dedup = false;

    /**
     * criu_opts work_dir_fd.
     * @member {number} work_dir_fd
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.work_dir_fd = 0;

    /**
     * criu_opts link_remap.
     * @member {boolean} link_remap
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.link_remap = false;

    /**
     * criu_opts veths.
     * @member {Array.<criu_veth_pair.$Properties>} veths
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.veths = $util.emptyArray;

    /**
     * criu_opts cpu_cap.
     * @member {number} cpu_cap
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cpu_cap = 4294967295;

    /**
     * criu_opts force_irmap.
     * @member {boolean} force_irmap
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.force_irmap = false;

    /**
     * criu_opts exec_cmd.
     * @member {Array.<string>} exec_cmd
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.exec_cmd = $util.emptyArray;

    /**
     * criu_opts ext_mnt.
     * @member {Array.<ext_mount_map.$Properties>} ext_mnt
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ext_mnt = $util.emptyArray;

    /**
     * criu_opts manage_cgroups.
     * @member {boolean} manage_cgroups
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.manage_cgroups = false;

    /**
     * criu_opts cg_root.
     * @member {Array.<cgroup_root.$Properties>} cg_root
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cg_root = $util.emptyArray;

    /**
     * criu_opts rst_sibling.
     * @member {boolean} rst_sibling
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.rst_sibling = false;

    /**
     * criu_opts inherit_fd.
     * @member {Array.<inherit_fd.$Properties>} inherit_fd
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.inherit_fd = $util.emptyArray;

    /**
     * criu_opts auto_ext_mnt.
     * @member {boolean} auto_ext_mnt
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.auto_ext_mnt = false;

    /**
     * criu_opts ext_sharing.
     * @member {boolean} ext_sharing
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ext_sharing = false;

    /**
     * criu_opts ext_masters.
     * @member {boolean} ext_masters
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ext_masters = false;

    /**
     * criu_opts skip_mnt.
     * @member {Array.<string>} skip_mnt
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.skip_mnt = $util.emptyArray;

    /**
     * criu_opts enable_fs.
     * @member {Array.<string>} enable_fs
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.enable_fs = $util.emptyArray;

    /**
     * criu_opts unix_sk_ino.
     * @member {Array.<unix_sk.$Properties>} unix_sk_ino
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.unix_sk_ino = $util.emptyArray;

    /**
     * criu_opts manage_cgroups_mode.
     * @member {criu_cg_mode} manage_cgroups_mode
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.manage_cgroups_mode = 0;

    /**
     * criu_opts ghost_limit.
     * @member {number} ghost_limit
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.ghost_limit = 1048576;

    /**
     * criu_opts irmap_scan_paths.
     * @member {Array.<string>} irmap_scan_paths
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.irmap_scan_paths = $util.emptyArray;

    /**
     * criu_opts external.
     * @member {Array.<string>} external
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.external = $util.emptyArray;

    /**
     * criu_opts empty_ns.
     * @member {number} empty_ns
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.empty_ns = 0;

    /**
     * criu_opts join_ns.
     * @member {Array.<join_namespace.$Properties>} join_ns
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.join_ns = $util.emptyArray;

    /**
     * criu_opts cgroup_props.
     * @member {string} cgroup_props
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cgroup_props = "";

    /**
     * criu_opts cgroup_props_file.
     * @member {string} cgroup_props_file
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cgroup_props_file = "";

    /**
     * criu_opts cgroup_dump_controller.
     * @member {Array.<string>} cgroup_dump_controller
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cgroup_dump_controller = $util.emptyArray;

    /**
     * criu_opts freeze_cgroup.
     * @member {string} freeze_cgroup
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.freeze_cgroup = "";

    /**
     * criu_opts timeout.
     * @member {number} timeout
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.timeout = 0;

    /**
     * criu_opts tcp_skip_in_flight.
     * @member {boolean} tcp_skip_in_flight
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tcp_skip_in_flight = false;

    /**
     * criu_opts weak_sysctls.
     * @member {boolean} weak_sysctls
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.weak_sysctls = false;

    /**
     * criu_opts lazy_pages.
     * @member {boolean} lazy_pages
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.lazy_pages = false;

    /**
     * criu_opts status_fd.
     * @member {number} status_fd
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.status_fd = 0;

    /**
     * criu_opts orphan_pts_master.
     * @member {boolean} orphan_pts_master
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.orphan_pts_master = false;

    /**
     * criu_opts config_file.
     * @member {string} config_file
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.config_file = "";

    /**
     * criu_opts tcp_close.
     * @member {boolean} tcp_close
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tcp_close = false;

    /**
     * criu_opts lsm_profile.
     * @member {string} lsm_profile
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.lsm_profile = "";

    /**
     * criu_opts tls_cacert.
     * @member {string} tls_cacert
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls_cacert = "";

    /**
     * criu_opts tls_cacrl.
     * @member {string} tls_cacrl
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls_cacrl = "";

    /**
     * criu_opts tls_cert.
     * @member {string} tls_cert
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls_cert = "";

    /**
     * criu_opts tls_key.
     * @member {string} tls_key
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls_key = "";

    /**
     * criu_opts tls.
     * @member {boolean} tls
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls = false;

    /**
     * criu_opts tls_no_cn_verify.
     * @member {boolean} tls_no_cn_verify
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.tls_no_cn_verify = false;

    /**
     * criu_opts cgroup_yard.
     * @member {string} cgroup_yard
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.cgroup_yard = "";

    /**
     * criu_opts pre_dump_mode.
     * @member {criu_pre_dump_mode} pre_dump_mode
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.pre_dump_mode = 1;

    /**
     * criu_opts pidfd_store_sk.
     * @member {number} pidfd_store_sk
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.pidfd_store_sk = 0;

    /**
     * criu_opts lsm_mount_context.
     * @member {string} lsm_mount_context
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.lsm_mount_context = "";

    /**
     * criu_opts network_lock.
     * @member {criu_network_lock_method} network_lock
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.network_lock = 1;

    /**
     * criu_opts mntns_compat_mode.
     * @member {boolean} mntns_compat_mode
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.mntns_compat_mode = false;

    /**
     * criu_opts skip_file_rwx_check.
     * @member {boolean} skip_file_rwx_check
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.skip_file_rwx_check = false;

    /**
     * criu_opts unprivileged.
     * @member {boolean} unprivileged
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.unprivileged = false;

    /**
     * criu_opts leave_stopped.
     * @member {boolean} leave_stopped
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.leave_stopped = false;

    /**
     * criu_opts display_stats.
     * @member {boolean} display_stats
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.display_stats = false;

    /**
     * criu_opts log_to_stderr.
     * @member {boolean} log_to_stderr
     * @memberof criu_opts
     * @instance
     */
    criu_opts.prototype.log_to_stderr = false;

    /**
     * Encodes the specified criu_opts message. Does not implicitly {@link criu_opts.verify|verify} messages.
     * @function encode
     * @memberof criu_opts
     * @static
     * @param {criu_opts.$Properties} message criu_opts message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_opts.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.images_dir_fd);
        if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
            writer.uint32(/* id 2, wireType 0 =*/16).int32(message.pid);
        if (message.leave_running != null && $Object.hasOwnProperty.call(message, "leave_running"))
            writer.uint32(/* id 3, wireType 0 =*/24).bool(message.leave_running);
        if (message.ext_unix_sk != null && $Object.hasOwnProperty.call(message, "ext_unix_sk"))
            writer.uint32(/* id 4, wireType 0 =*/32).bool(message.ext_unix_sk);
        if (message.tcp_established != null && $Object.hasOwnProperty.call(message, "tcp_established"))
            writer.uint32(/* id 5, wireType 0 =*/40).bool(message.tcp_established);
        if (message.evasive_devices != null && $Object.hasOwnProperty.call(message, "evasive_devices"))
            writer.uint32(/* id 6, wireType 0 =*/48).bool(message.evasive_devices);
        if (message.shell_job != null && $Object.hasOwnProperty.call(message, "shell_job"))
            writer.uint32(/* id 7, wireType 0 =*/56).bool(message.shell_job);
        if (message.file_locks != null && $Object.hasOwnProperty.call(message, "file_locks"))
            writer.uint32(/* id 8, wireType 0 =*/64).bool(message.file_locks);
        if (message.log_level != null && $Object.hasOwnProperty.call(message, "log_level"))
            writer.uint32(/* id 9, wireType 0 =*/72).int32(message.log_level);
        if (message.log_file != null && $Object.hasOwnProperty.call(message, "log_file"))
            writer.uint32(/* id 10, wireType 2 =*/82).string(message.log_file);
        if (message.ps != null && $Object.hasOwnProperty.call(message, "ps"))
            $root.criu_page_server_info.encode(message.ps, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
        if (message.notify_scripts != null && $Object.hasOwnProperty.call(message, "notify_scripts"))
            writer.uint32(/* id 12, wireType 0 =*/96).bool(message.notify_scripts);
        if (message.root != null && $Object.hasOwnProperty.call(message, "root"))
            writer.uint32(/* id 13, wireType 2 =*/106).string(message.root);
        if (message.parent_img != null && $Object.hasOwnProperty.call(message, "parent_img"))
            writer.uint32(/* id 14, wireType 2 =*/114).string(message.parent_img);
        if (message.track_mem != null && $Object.hasOwnProperty.call(message, "track_mem"))
            writer.uint32(/* id 15, wireType 0 =*/120).bool(message.track_mem);
        if (message.auto_dedup != null && $Object.hasOwnProperty.call(message, "auto_dedup"))
            writer.uint32(/* id 16, wireType 0 =*/128).bool(message.auto_dedup);
        if (message.work_dir_fd != null && $Object.hasOwnProperty.call(message, "work_dir_fd"))
            writer.uint32(/* id 17, wireType 0 =*/136).int32(message.work_dir_fd);
        if (message.link_remap != null && $Object.hasOwnProperty.call(message, "link_remap"))
            writer.uint32(/* id 18, wireType 0 =*/144).bool(message.link_remap);
        if (message.veths != null && message.veths.length)
            for (let i = 0; i < message.veths.length; ++i)
                $root.criu_veth_pair.encode(message.veths[i], writer.uint32(/* id 19, wireType 2 =*/154).fork(), _depth + 1).ldelim();
        if (message.cpu_cap != null && $Object.hasOwnProperty.call(message, "cpu_cap"))
            writer.uint32(/* id 20, wireType 0 =*/160).uint32(message.cpu_cap);
        if (message.force_irmap != null && $Object.hasOwnProperty.call(message, "force_irmap"))
            writer.uint32(/* id 21, wireType 0 =*/168).bool(message.force_irmap);
        if (message.exec_cmd != null && message.exec_cmd.length)
            for (let i = 0; i < message.exec_cmd.length; ++i)
                writer.uint32(/* id 22, wireType 2 =*/178).string(message.exec_cmd[i]);
        if (message.ext_mnt != null && message.ext_mnt.length)
            for (let i = 0; i < message.ext_mnt.length; ++i)
                $root.ext_mount_map.encode(message.ext_mnt[i], writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
        if (message.manage_cgroups != null && $Object.hasOwnProperty.call(message, "manage_cgroups"))
            writer.uint32(/* id 24, wireType 0 =*/192).bool(message.manage_cgroups);
        if (message.cg_root != null && message.cg_root.length)
            for (let i = 0; i < message.cg_root.length; ++i)
                $root.cgroup_root.encode(message.cg_root[i], writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
        if (message.rst_sibling != null && $Object.hasOwnProperty.call(message, "rst_sibling"))
            writer.uint32(/* id 26, wireType 0 =*/208).bool(message.rst_sibling);
        if (message.inherit_fd != null && message.inherit_fd.length)
            for (let i = 0; i < message.inherit_fd.length; ++i)
                $root.inherit_fd.encode(message.inherit_fd[i], writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
        if (message.auto_ext_mnt != null && $Object.hasOwnProperty.call(message, "auto_ext_mnt"))
            writer.uint32(/* id 28, wireType 0 =*/224).bool(message.auto_ext_mnt);
        if (message.ext_sharing != null && $Object.hasOwnProperty.call(message, "ext_sharing"))
            writer.uint32(/* id 29, wireType 0 =*/232).bool(message.ext_sharing);
        if (message.ext_masters != null && $Object.hasOwnProperty.call(message, "ext_masters"))
            writer.uint32(/* id 30, wireType 0 =*/240).bool(message.ext_masters);
        if (message.skip_mnt != null && message.skip_mnt.length)
            for (let i = 0; i < message.skip_mnt.length; ++i)
                writer.uint32(/* id 31, wireType 2 =*/250).string(message.skip_mnt[i]);
        if (message.enable_fs != null && message.enable_fs.length)
            for (let i = 0; i < message.enable_fs.length; ++i)
                writer.uint32(/* id 32, wireType 2 =*/258).string(message.enable_fs[i]);
        if (message.unix_sk_ino != null && message.unix_sk_ino.length)
            for (let i = 0; i < message.unix_sk_ino.length; ++i)
                $root.unix_sk.encode(message.unix_sk_ino[i], writer.uint32(/* id 33, wireType 2 =*/266).fork(), _depth + 1).ldelim();
        if (message.manage_cgroups_mode != null && $Object.hasOwnProperty.call(message, "manage_cgroups_mode"))
            writer.uint32(/* id 34, wireType 0 =*/272).int32(message.manage_cgroups_mode);
        if (message.ghost_limit != null && $Object.hasOwnProperty.call(message, "ghost_limit"))
            writer.uint32(/* id 35, wireType 0 =*/280).uint32(message.ghost_limit);
        if (message.irmap_scan_paths != null && message.irmap_scan_paths.length)
            for (let i = 0; i < message.irmap_scan_paths.length; ++i)
                writer.uint32(/* id 36, wireType 2 =*/290).string(message.irmap_scan_paths[i]);
        if (message.external != null && message.external.length)
            for (let i = 0; i < message.external.length; ++i)
                writer.uint32(/* id 37, wireType 2 =*/298).string(message.external[i]);
        if (message.empty_ns != null && $Object.hasOwnProperty.call(message, "empty_ns"))
            writer.uint32(/* id 38, wireType 0 =*/304).uint32(message.empty_ns);
        if (message.join_ns != null && message.join_ns.length)
            for (let i = 0; i < message.join_ns.length; ++i)
                $root.join_namespace.encode(message.join_ns[i], writer.uint32(/* id 39, wireType 2 =*/314).fork(), _depth + 1).ldelim();
        if (message.cgroup_props != null && $Object.hasOwnProperty.call(message, "cgroup_props"))
            writer.uint32(/* id 41, wireType 2 =*/330).string(message.cgroup_props);
        if (message.cgroup_props_file != null && $Object.hasOwnProperty.call(message, "cgroup_props_file"))
            writer.uint32(/* id 42, wireType 2 =*/338).string(message.cgroup_props_file);
        if (message.cgroup_dump_controller != null && message.cgroup_dump_controller.length)
            for (let i = 0; i < message.cgroup_dump_controller.length; ++i)
                writer.uint32(/* id 43, wireType 2 =*/346).string(message.cgroup_dump_controller[i]);
        if (message.freeze_cgroup != null && $Object.hasOwnProperty.call(message, "freeze_cgroup"))
            writer.uint32(/* id 44, wireType 2 =*/354).string(message.freeze_cgroup);
        if (message.timeout != null && $Object.hasOwnProperty.call(message, "timeout"))
            writer.uint32(/* id 45, wireType 0 =*/360).uint32(message.timeout);
        if (message.tcp_skip_in_flight != null && $Object.hasOwnProperty.call(message, "tcp_skip_in_flight"))
            writer.uint32(/* id 46, wireType 0 =*/368).bool(message.tcp_skip_in_flight);
        if (message.weak_sysctls != null && $Object.hasOwnProperty.call(message, "weak_sysctls"))
            writer.uint32(/* id 47, wireType 0 =*/376).bool(message.weak_sysctls);
        if (message.lazy_pages != null && $Object.hasOwnProperty.call(message, "lazy_pages"))
            writer.uint32(/* id 48, wireType 0 =*/384).bool(message.lazy_pages);
        if (message.status_fd != null && $Object.hasOwnProperty.call(message, "status_fd"))
            writer.uint32(/* id 49, wireType 0 =*/392).int32(message.status_fd);
        if (message.orphan_pts_master != null && $Object.hasOwnProperty.call(message, "orphan_pts_master"))
            writer.uint32(/* id 50, wireType 0 =*/400).bool(message.orphan_pts_master);
        if (message.config_file != null && $Object.hasOwnProperty.call(message, "config_file"))
            writer.uint32(/* id 51, wireType 2 =*/410).string(message.config_file);
        if (message.tcp_close != null && $Object.hasOwnProperty.call(message, "tcp_close"))
            writer.uint32(/* id 52, wireType 0 =*/416).bool(message.tcp_close);
        if (message.lsm_profile != null && $Object.hasOwnProperty.call(message, "lsm_profile"))
            writer.uint32(/* id 53, wireType 2 =*/426).string(message.lsm_profile);
        if (message.tls_cacert != null && $Object.hasOwnProperty.call(message, "tls_cacert"))
            writer.uint32(/* id 54, wireType 2 =*/434).string(message.tls_cacert);
        if (message.tls_cacrl != null && $Object.hasOwnProperty.call(message, "tls_cacrl"))
            writer.uint32(/* id 55, wireType 2 =*/442).string(message.tls_cacrl);
        if (message.tls_cert != null && $Object.hasOwnProperty.call(message, "tls_cert"))
            writer.uint32(/* id 56, wireType 2 =*/450).string(message.tls_cert);
        if (message.tls_key != null && $Object.hasOwnProperty.call(message, "tls_key"))
            writer.uint32(/* id 57, wireType 2 =*/458).string(message.tls_key);
        if (message.tls != null && $Object.hasOwnProperty.call(message, "tls"))
            writer.uint32(/* id 58, wireType 0 =*/464).bool(message.tls);
        if (message.tls_no_cn_verify != null && $Object.hasOwnProperty.call(message, "tls_no_cn_verify"))
            writer.uint32(/* id 59, wireType 0 =*/472).bool(message.tls_no_cn_verify);
        if (message.cgroup_yard != null && $Object.hasOwnProperty.call(message, "cgroup_yard"))
            writer.uint32(/* id 60, wireType 2 =*/482).string(message.cgroup_yard);
        if (message.pre_dump_mode != null && $Object.hasOwnProperty.call(message, "pre_dump_mode"))
            writer.uint32(/* id 61, wireType 0 =*/488).int32(message.pre_dump_mode);
        if (message.pidfd_store_sk != null && $Object.hasOwnProperty.call(message, "pidfd_store_sk"))
            writer.uint32(/* id 62, wireType 0 =*/496).int32(message.pidfd_store_sk);
        if (message.lsm_mount_context != null && $Object.hasOwnProperty.call(message, "lsm_mount_context"))
            writer.uint32(/* id 63, wireType 2 =*/506).string(message.lsm_mount_context);
        if (message.network_lock != null && $Object.hasOwnProperty.call(message, "network_lock"))
            writer.uint32(/* id 64, wireType 0 =*/512).int32(message.network_lock);
        if (message.mntns_compat_mode != null && $Object.hasOwnProperty.call(message, "mntns_compat_mode"))
            writer.uint32(/* id 65, wireType 0 =*/520).bool(message.mntns_compat_mode);
        if (message.skip_file_rwx_check != null && $Object.hasOwnProperty.call(message, "skip_file_rwx_check"))
            writer.uint32(/* id 66, wireType 0 =*/528).bool(message.skip_file_rwx_check);
        if (message.unprivileged != null && $Object.hasOwnProperty.call(message, "unprivileged"))
            writer.uint32(/* id 67, wireType 0 =*/536).bool(message.unprivileged);
        if (message.images_dir != null && $Object.hasOwnProperty.call(message, "images_dir"))
            writer.uint32(/* id 68, wireType 2 =*/546).string(message.images_dir);
        if (message.leave_stopped != null && $Object.hasOwnProperty.call(message, "leave_stopped"))
            writer.uint32(/* id 69, wireType 0 =*/552).bool(message.leave_stopped);
        if (message.display_stats != null && $Object.hasOwnProperty.call(message, "display_stats"))
            writer.uint32(/* id 70, wireType 0 =*/560).bool(message.display_stats);
        if (message.log_to_stderr != null && $Object.hasOwnProperty.call(message, "log_to_stderr"))
            writer.uint32(/* id 71, wireType 0 =*/568).bool(message.log_to_stderr);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_opts message from the specified reader or buffer.
     * @function decode
     * @memberof criu_opts
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_opts & criu_opts.$Shape} criu_opts
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_opts.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.criu_opts();
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
                    message.images_dir_fd = reader.int32();
                    continue;
                }
            case 68: {
                    if (wireType !== 2)
                        break;
                    message.images_dir = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.pid = reader.int32();
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.leave_running = reader.bool();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.ext_unix_sk = reader.bool();
                    continue;
                }
            case 5: {
                    if (wireType !== 0)
                        break;
                    message.tcp_established = reader.bool();
                    continue;
                }
            case 6: {
                    if (wireType !== 0)
                        break;
                    message.evasive_devices = reader.bool();
                    continue;
                }
            case 7: {
                    if (wireType !== 0)
                        break;
                    message.shell_job = reader.bool();
                    continue;
                }
            case 8: {
                    if (wireType !== 0)
                        break;
                    message.file_locks = reader.bool();
                    continue;
                }
            case 9: {
                    if (wireType !== 0)
                        break;
                    message.log_level = reader.int32();
                    continue;
                }
            case 10: {
                    if (wireType !== 2)
                        break;
                    message.log_file = reader.string();
                    continue;
                }
            case 11: {
                    if (wireType !== 2)
                        break;
                    message.ps = $root.criu_page_server_info.decode(reader, reader.size(), $undefined, _depth + 1, message.ps);
                    continue;
                }
            case 12: {
                    if (wireType !== 0)
                        break;
                    message.notify_scripts = reader.bool();
                    continue;
                }
            case 13: {
                    if (wireType !== 2)
                        break;
                    message.root = reader.string();
                    continue;
                }
            case 14: {
                    if (wireType !== 2)
                        break;
                    message.parent_img = reader.string();
                    continue;
                }
            case 15: {
                    if (wireType !== 0)
                        break;
                    message.track_mem = reader.bool();
                    continue;
                }
            case 16: {
                    if (wireType !== 0)
                        break;
                    message.auto_dedup = reader.bool();
                    continue;
                }
            case 17: {
                    if (wireType !== 0)
                        break;
                    message.work_dir_fd = reader.int32();
                    continue;
                }
            case 18: {
                    if (wireType !== 0)
                        break;
                    message.link_remap = reader.bool();
                    continue;
                }
            case 19: {
                    if (wireType !== 2)
                        break;
                    if (!(message.veths && message.veths.length))
                        message.veths = [];
                    message.veths.push($root.criu_veth_pair.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 20: {
                    if (wireType !== 0)
                        break;
                    message.cpu_cap = reader.uint32();
                    continue;
                }
            case 21: {
                    if (wireType !== 0)
                        break;
                    message.force_irmap = reader.bool();
                    continue;
                }
            case 22: {
                    if (wireType !== 2)
                        break;
                    if (!(message.exec_cmd && message.exec_cmd.length))
                        message.exec_cmd = [];
                    message.exec_cmd.push(reader.string());
                    continue;
                }
            case 23: {
                    if (wireType !== 2)
                        break;
                    if (!(message.ext_mnt && message.ext_mnt.length))
                        message.ext_mnt = [];
                    message.ext_mnt.push($root.ext_mount_map.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 24: {
                    if (wireType !== 0)
                        break;
                    message.manage_cgroups = reader.bool();
                    continue;
                }
            case 25: {
                    if (wireType !== 2)
                        break;
                    if (!(message.cg_root && message.cg_root.length))
                        message.cg_root = [];
                    message.cg_root.push($root.cgroup_root.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 26: {
                    if (wireType !== 0)
                        break;
                    message.rst_sibling = reader.bool();
                    continue;
                }
            case 27: {
                    if (wireType !== 2)
                        break;
                    if (!(message.inherit_fd && message.inherit_fd.length))
                        message.inherit_fd = [];
                    message.inherit_fd.push($root.inherit_fd.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 28: {
                    if (wireType !== 0)
                        break;
                    message.auto_ext_mnt = reader.bool();
                    continue;
                }
            case 29: {
                    if (wireType !== 0)
                        break;
                    message.ext_sharing = reader.bool();
                    continue;
                }
            case 30: {
                    if (wireType !== 0)
                        break;
                    message.ext_masters = reader.bool();
                    continue;
                }
            case 31: {
                    if (wireType !== 2)
                        break;
                    if (!(message.skip_mnt && message.skip_mnt.length))
                        message.skip_mnt = [];
                    message.skip_mnt.push(reader.string());
                    continue;
                }
            case 32: {
                    if (wireType !== 2)
                        break;
                    if (!(message.enable_fs && message.enable_fs.length))
                        message.enable_fs = [];
                    message.enable_fs.push(reader.string());
                    continue;
                }
            case 33: {
                    if (wireType !== 2)
                        break;
                    if (!(message.unix_sk_ino && message.unix_sk_ino.length))
                        message.unix_sk_ino = [];
                    message.unix_sk_ino.push($root.unix_sk.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 34: {
                    if (wireType !== 0)
                        break;
                    value = reader.int32();
                    if ($root.criu_cg_mode[value] !== $undefined)
                        message.manage_cgroups_mode = value;
                    else if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                    continue;
                }
            case 35: {
                    if (wireType !== 0)
                        break;
                    message.ghost_limit = reader.uint32();
                    continue;
                }
            case 36: {
                    if (wireType !== 2)
                        break;
                    if (!(message.irmap_scan_paths && message.irmap_scan_paths.length))
                        message.irmap_scan_paths = [];
                    message.irmap_scan_paths.push(reader.string());
                    continue;
                }
            case 37: {
                    if (wireType !== 2)
                        break;
                    if (!(message.external && message.external.length))
                        message.external = [];
                    message.external.push(reader.string());
                    continue;
                }
            case 38: {
                    if (wireType !== 0)
                        break;
                    message.empty_ns = reader.uint32();
                    continue;
                }
            case 39: {
                    if (wireType !== 2)
                        break;
                    if (!(message.join_ns && message.join_ns.length))
                        message.join_ns = [];
                    message.join_ns.push($root.join_namespace.decode(reader, reader.size(), $undefined, _depth + 1));
                    continue;
                }
            case 41: {
                    if (wireType !== 2)
                        break;
                    message.cgroup_props = reader.string();
                    continue;
                }
            case 42: {
                    if (wireType !== 2)
                        break;
                    message.cgroup_props_file = reader.string();
                    continue;
                }
            case 43: {
                    if (wireType !== 2)
                        break;
                    if (!(message.cgroup_dump_controller && message.cgroup_dump_controller.length))
                        message.cgroup_dump_controller = [];
                    message.cgroup_dump_controller.push(reader.string());
                    continue;
                }
            case 44: {
                    if (wireType !== 2)
                        break;
                    message.freeze_cgroup = reader.string();
                    continue;
                }
            case 45: {
                    if (wireType !== 0)
                        break;
                    message.timeout = reader.uint32();
                    continue;
                }
            case 46: {
                    if (wireType !== 0)
                        break;
                    message.tcp_skip_in_flight = reader.bool();
                    continue;
                }
            case 47: {
                    if (wireType !== 0)
                        break;
                    message.weak_sysctls = reader.bool();
                    continue;
                }
            case 48: {
                    if (wireType !== 0)
                        break;
                    message.lazy_pages = reader.bool();
                    continue;
                }
            case 49: {
                    if (wireType !== 0)
                        break;
                    message.status_fd = reader.int32();
                    continue;
                }
            case 50: {
                    if (wireType !== 0)
                        break;
                    message.orphan_pts_master = reader.bool();
                    continue;
                }
            case 51: {
                    if (wireType !== 2)
                        break;
                    message.config_file = reader.string();
                    continue;
                }
            case 52: {
                    if (wireType !== 0)
                        break;
                    message.tcp_close = reader.bool();
                    continue;
                }
            case 53: {
                    if (wireType !== 2)
                        break;
                    message.lsm_profile = reader.string();
                    continue;
                }
            case 54: {
                    if (wireType !== 2)
                        break;
                    message.tls_cacert = reader.string();
                    continue;
                }
            case 55: {
                    if (wireType !== 2)
                        break;
                    message.tls_cacrl = reader.string();
                    continue;
                }
            case 56: {
                    if (wireType !== 2)
                        break;
                    message.tls_cert = reader.string();
                    continue;
                }
            case 57: {
                    if (wireType !== 2)
                        break;
                    message.tls_key = reader.string();
                    continue;
                }
            case 58: {
                    if (wireType !== 0)
                        break;
                    message.tls = reader.bool();
                    continue;
                }
            case 59: {
                    if (wireType !== 0)
                        break;
                    message.tls_no_cn_verify = reader.bool();
                    continue;
                }
            case 60: {
                    if (wireType !== 2)
                        break;
                    message.cgroup_yard = reader.string();
                    continue;
                }
            case 61: {
                    if (wireType !== 0)
                        break;
                    value = reader.int32();
                    if ($root.criu_pre_dump_mode[value] !== $undefined)
                        message.pre_dump_mode = value;
                    else if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                    continue;
                }
            case 62: {
                    if (wireType !== 0)
                        break;
                    message.pidfd_store_sk = reader.int32();
                    continue;
                }
            case 63: {
                    if (wireType !== 2)
                        break;
                    message.lsm_mount_context = reader.string();
                    continue;
                }
            case 64: {
                    if (wireType !== 0)
                        break;
                    value = reader.int32();
                    if ($root.criu_network_lock_method[value] !== $undefined)
                        message.network_lock = value;
                    else if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                    continue;
                }
            case 65: {
                    if (wireType !== 0)
                        break;
                    message.mntns_compat_mode = reader.bool();
                    continue;
                }
            case 66: {
                    if (wireType !== 0)
                        break;
                    message.skip_file_rwx_check = reader.bool();
                    continue;
                }
            case 67: {
                    if (wireType !== 0)
                        break;
                    message.unprivileged = reader.bool();
                    continue;
                }
            case 69: {
                    if (wireType !== 0)
                        break;
                    message.leave_stopped = reader.bool();
                    continue;
                }
            case 70: {
                    if (wireType !== 0)
                        break;
                    message.display_stats = reader.bool();
                    continue;
                }
            case 71: {
                    if (wireType !== 0)
                        break;
                    message.log_to_stderr = reader.bool();
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
        if (!$Object.hasOwnProperty.call(message, "images_dir_fd"))
            throw $util.ProtocolError("missing required 'images_dir_fd'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_opts
     * @function getTypeUrl
     * @memberof criu_opts
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_opts.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_opts";
    };

    return criu_opts;
})();

export const criu_dump_resp = $root.criu_dump_resp = (() => {

    /**
     * Properties of a criu_dump_resp.
     * @typedef {Object} criu_dump_resp.$Properties
     * @property {boolean|null} [restored] criu_dump_resp restored
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_dump_resp.
     * @exports Icriu_dump_resp
     * @interface Icriu_dump_resp
     * @augments criu_dump_resp.$Properties
     * @deprecated Use criu_dump_resp.$Properties instead.
     */

    /**
     * Shape of a criu_dump_resp.
     * @typedef {criu_dump_resp.$Properties} criu_dump_resp.$Shape
     */

    /**
     * Constructs a new criu_dump_resp.
     * @exports criu_dump_resp
     * @classdesc Represents a criu_dump_resp.
     * @constructor
     * @param {criu_dump_resp.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_dump_resp = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_dump_resp restored.
     * @member {boolean} restored
     * @memberof criu_dump_resp
     * @instance
     */
    criu_dump_resp.prototype.restored = false;

    /**
     * Encodes the specified criu_dump_resp message. Does not implicitly {@link criu_dump_resp.verify|verify} messages.
     * @function encode
     * @memberof criu_dump_resp
     * @static
     * @param {criu_dump_resp.$Properties} message criu_dump_resp message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_dump_resp.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.restored != null && $Object.hasOwnProperty.call(message, "restored"))
            writer.uint32(/* id 1, wireType 0 =*/8).bool(message.restored);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_dump_resp message from the specified reader or buffer.
     * @function decode
     * @memberof criu_dump_resp
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_dump_resp & criu_dump_resp.$Shape} criu_dump_resp
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_dump_resp.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_dump_resp();
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
                    message.restored = reader.bool();
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
     * Gets the type url for criu_dump_resp
     * @function getTypeUrl
     * @memberof criu_dump_resp
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_dump_resp.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_dump_resp";
    };

    return criu_dump_resp;
})();

export const criu_restore_resp = $root.criu_restore_resp = (() => {

    /**
     * Properties of a criu_restore_resp.
     * @typedef {Object} criu_restore_resp.$Properties
     * @property {number} pid criu_restore_resp pid
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_restore_resp.
     * @exports Icriu_restore_resp
     * @interface Icriu_restore_resp
     * @augments criu_restore_resp.$Properties
     * @deprecated Use criu_restore_resp.$Properties instead.
     */

    /**
     * Shape of a criu_restore_resp.
     * @typedef {criu_restore_resp.$Properties} criu_restore_resp.$Shape
     */

    /**
     * Constructs a new criu_restore_resp.
     * @exports criu_restore_resp
     * @classdesc Represents a criu_restore_resp.
     * @constructor
     * @param {criu_restore_resp.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_restore_resp = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_restore_resp pid.
     * @member {number} pid
     * @memberof criu_restore_resp
     * @instance
     */
    criu_restore_resp.prototype.pid = 0;

    /**
     * Encodes the specified criu_restore_resp message. Does not implicitly {@link criu_restore_resp.verify|verify} messages.
     * @function encode
     * @memberof criu_restore_resp
     * @static
     * @param {criu_restore_resp.$Properties} message criu_restore_resp message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_restore_resp.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.pid);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_restore_resp message from the specified reader or buffer.
     * @function decode
     * @memberof criu_restore_resp
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_restore_resp & criu_restore_resp.$Shape} criu_restore_resp
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_restore_resp.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_restore_resp();
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
                    message.pid = reader.int32();
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
        if (!$Object.hasOwnProperty.call(message, "pid"))
            throw $util.ProtocolError("missing required 'pid'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_restore_resp
     * @function getTypeUrl
     * @memberof criu_restore_resp
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_restore_resp.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_restore_resp";
    };

    return criu_restore_resp;
})();

export const criu_notify = $root.criu_notify = (() => {

    /**
     * Properties of a criu_notify.
     * @typedef {Object} criu_notify.$Properties
     * @property {string|null} [script] criu_notify script
     * @property {number|null} [pid] criu_notify pid
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_notify.
     * @exports Icriu_notify
     * @interface Icriu_notify
     * @augments criu_notify.$Properties
     * @deprecated Use criu_notify.$Properties instead.
     */

    /**
     * Shape of a criu_notify.
     * @typedef {criu_notify.$Properties} criu_notify.$Shape
     */

    /**
     * Constructs a new criu_notify.
     * @exports criu_notify
     * @classdesc Represents a criu_notify.
     * @constructor
     * @param {criu_notify.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_notify = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_notify script.
     * @member {string} script
     * @memberof criu_notify
     * @instance
     */
    criu_notify.prototype.script = "";

    /**
     * criu_notify pid.
     * @member {number} pid
     * @memberof criu_notify
     * @instance
     */
    criu_notify.prototype.pid = 0;

    /**
     * Encodes the specified criu_notify message. Does not implicitly {@link criu_notify.verify|verify} messages.
     * @function encode
     * @memberof criu_notify
     * @static
     * @param {criu_notify.$Properties} message criu_notify message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_notify.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.script != null && $Object.hasOwnProperty.call(message, "script"))
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.script);
        if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
            writer.uint32(/* id 2, wireType 0 =*/16).int32(message.pid);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_notify message from the specified reader or buffer.
     * @function decode
     * @memberof criu_notify
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_notify & criu_notify.$Shape} criu_notify
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_notify.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_notify();
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
                    message.script = reader.string();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.pid = reader.int32();
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
     * Gets the type url for criu_notify
     * @function getTypeUrl
     * @memberof criu_notify
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_notify.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_notify";
    };

    return criu_notify;
})();

/**
 * criu_req_type enum.
 * @name criu_req_type
 * @enum {number}
 * @property {number} EMPTY=0 EMPTY value
 * @property {number} DUMP=1 DUMP value
 * @property {number} RESTORE=2 RESTORE value
 * @property {number} CHECK=3 CHECK value
 * @property {number} PRE_DUMP=4 PRE_DUMP value
 * @property {number} PAGE_SERVER=5 PAGE_SERVER value
 * @property {number} NOTIFY=6 NOTIFY value
 * @property {number} CPUINFO_DUMP=7 CPUINFO_DUMP value
 * @property {number} CPUINFO_CHECK=8 CPUINFO_CHECK value
 * @property {number} FEATURE_CHECK=9 FEATURE_CHECK value
 * @property {number} VERSION=10 VERSION value
 * @property {number} WAIT_PID=11 WAIT_PID value
 * @property {number} PAGE_SERVER_CHLD=12 PAGE_SERVER_CHLD value
 * @property {number} SINGLE_PRE_DUMP=13 SINGLE_PRE_DUMP value
 */
export const criu_req_type = $root.criu_req_type = (() => {
    const valuesById = $Object.create(null), values = $Object.create(valuesById);
    values[valuesById[0] = "EMPTY"] = 0;
    values[valuesById[1] = "DUMP"] = 1;
    values[valuesById[2] = "RESTORE"] = 2;
    values[valuesById[3] = "CHECK"] = 3;
    values[valuesById[4] = "PRE_DUMP"] = 4;
    values[valuesById[5] = "PAGE_SERVER"] = 5;
    values[valuesById[6] = "NOTIFY"] = 6;
    values[valuesById[7] = "CPUINFO_DUMP"] = 7;
    values[valuesById[8] = "CPUINFO_CHECK"] = 8;
    values[valuesById[9] = "FEATURE_CHECK"] = 9;
    values[valuesById[10] = "VERSION"] = 10;
    values[valuesById[11] = "WAIT_PID"] = 11;
    values[valuesById[12] = "PAGE_SERVER_CHLD"] = 12;
    values[valuesById[13] = "SINGLE_PRE_DUMP"] = 13;
    return values;
})();

export const criu_features = $root.criu_features = (() => {

    /**
     * Properties of a criu_features.
     * @typedef {Object} criu_features.$Properties
     * @property {boolean|null} [mem_track] criu_features mem_track
     * @property {boolean|null} [lazy_pages] criu_features lazy_pages
     * @property {boolean|null} [pidfd_store] criu_features pidfd_store
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_features.
     * @exports Icriu_features
     * @interface Icriu_features
     * @augments criu_features.$Properties
     * @deprecated Use criu_features.$Properties instead.
     */

    /**
     * Shape of a criu_features.
     * @typedef {criu_features.$Properties} criu_features.$Shape
     */

    /**
     * Constructs a new criu_features.
     * @exports criu_features
     * @classdesc Represents a criu_features.
     * @constructor
     * @param {criu_features.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_features = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_features mem_track.
     * @member {boolean} mem_track
     * @memberof criu_features
     * @instance
     */
    criu_features.prototype.mem_track = false;

    /**
     * criu_features lazy_pages.
     * @member {boolean} lazy_pages
     * @memberof criu_features
     * @instance
     */
    criu_features.prototype.lazy_pages = false;

    /**
     * criu_features pidfd_store.
     * @member {boolean} pidfd_store
     * @memberof criu_features
     * @instance
     */
    criu_features.prototype.pidfd_store = false;

    /**
     * Encodes the specified criu_features message. Does not implicitly {@link criu_features.verify|verify} messages.
     * @function encode
     * @memberof criu_features
     * @static
     * @param {criu_features.$Properties} message criu_features message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_features.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.mem_track != null && $Object.hasOwnProperty.call(message, "mem_track"))
            writer.uint32(/* id 1, wireType 0 =*/8).bool(message.mem_track);
        if (message.lazy_pages != null && $Object.hasOwnProperty.call(message, "lazy_pages"))
            writer.uint32(/* id 2, wireType 0 =*/16).bool(message.lazy_pages);
        if (message.pidfd_store != null && $Object.hasOwnProperty.call(message, "pidfd_store"))
            writer.uint32(/* id 3, wireType 0 =*/24).bool(message.pidfd_store);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_features message from the specified reader or buffer.
     * @function decode
     * @memberof criu_features
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_features & criu_features.$Shape} criu_features
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_features.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_features();
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
                    message.mem_track = reader.bool();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.lazy_pages = reader.bool();
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.pidfd_store = reader.bool();
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
     * Gets the type url for criu_features
     * @function getTypeUrl
     * @memberof criu_features
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_features.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_features";
    };

    return criu_features;
})();

export const criu_req = $root.criu_req = (() => {

    /**
     * Properties of a criu_req.
     * @typedef {Object} criu_req.$Properties
     * @property {criu_req_type} type criu_req type
     * @property {criu_opts.$Properties|null} [opts] criu_req opts
     * @property {boolean|null} [notify_success] criu_req notify_success
     * @property {boolean|null} [keep_open] criu_req keep_open
     * @property {criu_features.$Properties|null} [features] criu_req features
     * @property {number|null} [pid] criu_req pid
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_req.
     * @exports Icriu_req
     * @interface Icriu_req
     * @augments criu_req.$Properties
     * @deprecated Use criu_req.$Properties instead.
     */

    /**
     * Shape of a criu_req.
     * @typedef {criu_req.$Properties} criu_req.$Shape
     */

    /**
     * Constructs a new criu_req.
     * @exports criu_req
     * @classdesc Represents a criu_req.
     * @constructor
     * @param {criu_req.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_req = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_req type.
     * @member {criu_req_type} type
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.type = 0;

    /**
     * criu_req opts.
     * @member {criu_opts.$Properties|null|undefined} opts
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.opts = null;

    /**
     * criu_req notify_success.
     * @member {boolean} notify_success
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.notify_success = false;

    /**
     * criu_req keep_open.
     * @member {boolean} keep_open
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.keep_open = false;

    /**
     * criu_req features.
     * @member {criu_features.$Properties|null|undefined} features
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.features = null;

    /**
     * criu_req pid.
     * @member {number} pid
     * @memberof criu_req
     * @instance
     */
    criu_req.prototype.pid = 0;

    /**
     * Encodes the specified criu_req message. Does not implicitly {@link criu_req.verify|verify} messages.
     * @function encode
     * @memberof criu_req
     * @static
     * @param {criu_req.$Properties} message criu_req message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_req.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
        if (message.opts != null && $Object.hasOwnProperty.call(message, "opts"))
            $root.criu_opts.encode(message.opts, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.notify_success != null && $Object.hasOwnProperty.call(message, "notify_success"))
            writer.uint32(/* id 3, wireType 0 =*/24).bool(message.notify_success);
        if (message.keep_open != null && $Object.hasOwnProperty.call(message, "keep_open"))
            writer.uint32(/* id 4, wireType 0 =*/32).bool(message.keep_open);
        if (message.features != null && $Object.hasOwnProperty.call(message, "features"))
            $root.criu_features.encode(message.features, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
        if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
            writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.pid);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_req message from the specified reader or buffer.
     * @function decode
     * @memberof criu_req
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_req & criu_req.$Shape} criu_req
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_req.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.criu_req();
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
                    value = reader.int32();
                    if ($root.criu_req_type[value] !== $undefined)
                        message.type = value;
                    else if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.opts = $root.criu_opts.decode(reader, reader.size(), $undefined, _depth + 1, message.opts);
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    message.notify_success = reader.bool();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.keep_open = reader.bool();
                    continue;
                }
            case 5: {
                    if (wireType !== 2)
                        break;
                    message.features = $root.criu_features.decode(reader, reader.size(), $undefined, _depth + 1, message.features);
                    continue;
                }
            case 6: {
                    if (wireType !== 0)
                        break;
                    message.pid = reader.uint32();
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
        if (!$Object.hasOwnProperty.call(message, "type"))
            throw $util.ProtocolError("missing required 'type'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_req
     * @function getTypeUrl
     * @memberof criu_req
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_req.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_req";
    };

    return criu_req;
})();

export const criu_resp = $root.criu_resp = (() => {

    /**
     * Properties of a criu_resp.
     * @typedef {Object} criu_resp.$Properties
     * @property {criu_req_type} type criu_resp type
     * @property {boolean} success criu_resp success
     * @property {criu_dump_resp.$Properties|null} [dump] criu_resp dump
     * @property {criu_restore_resp.$Properties|null} [restore] criu_resp restore
     * @property {criu_notify.$Properties|null} [notify] criu_resp notify
     * @property {criu_page_server_info.$Properties|null} [ps] criu_resp ps
     * @property {number|null} [cr_errno] criu_resp cr_errno
     * @property {criu_features.$Properties|null} [features] criu_resp features
     * @property {string|null} [cr_errmsg] criu_resp cr_errmsg
     * @property {criu_version.$Properties|null} [version] criu_resp version
     * @property {number|null} [status] criu_resp status
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_resp.
     * @exports Icriu_resp
     * @interface Icriu_resp
     * @augments criu_resp.$Properties
     * @deprecated Use criu_resp.$Properties instead.
     */

    /**
     * Shape of a criu_resp.
     * @typedef {criu_resp.$Properties} criu_resp.$Shape
     */

    /**
     * Constructs a new criu_resp.
     * @exports criu_resp
     * @classdesc Represents a criu_resp.
     * @constructor
     * @param {criu_resp.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_resp = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_resp type.
     * @member {criu_req_type} type
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.type = 0;

    /**
     * criu_resp success.
     * @member {boolean} success
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.success = false;

    /**
     * criu_resp dump.
     * @member {criu_dump_resp.$Properties|null|undefined} dump
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.dump = null;

    /**
     * criu_resp restore.
     * @member {criu_restore_resp.$Properties|null|undefined} restore
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.restore = null;

    /**
     * criu_resp notify.
     * @member {criu_notify.$Properties|null|undefined} notify
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.notify = null;

    /**
     * criu_resp ps.
     * @member {criu_page_server_info.$Properties|null|undefined} ps
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.ps = null;

    /**
     * criu_resp cr_errno.
     * @member {number} cr_errno
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.cr_errno = 0;

    /**
     * criu_resp features.
     * @member {criu_features.$Properties|null|undefined} features
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.features = null;

    /**
     * criu_resp cr_errmsg.
     * @member {string} cr_errmsg
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.cr_errmsg = "";

    /**
     * criu_resp version.
     * @member {criu_version.$Properties|null|undefined} version
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.version = null;

    /**
     * criu_resp status.
     * @member {number} status
     * @memberof criu_resp
     * @instance
     */
    criu_resp.prototype.status = 0;

    /**
     * Encodes the specified criu_resp message. Does not implicitly {@link criu_resp.verify|verify} messages.
     * @function encode
     * @memberof criu_resp
     * @static
     * @param {criu_resp.$Properties} message criu_resp message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_resp.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.success);
        if (message.dump != null && $Object.hasOwnProperty.call(message, "dump"))
            $root.criu_dump_resp.encode(message.dump, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
        if (message.restore != null && $Object.hasOwnProperty.call(message, "restore"))
            $root.criu_restore_resp.encode(message.restore, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
        if (message.notify != null && $Object.hasOwnProperty.call(message, "notify"))
            $root.criu_notify.encode(message.notify, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
        if (message.ps != null && $Object.hasOwnProperty.call(message, "ps"))
            $root.criu_page_server_info.encode(message.ps, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
        if (message.cr_errno != null && $Object.hasOwnProperty.call(message, "cr_errno"))
            writer.uint32(/* id 7, wireType 0 =*/56).int32(message.cr_errno);
        if (message.features != null && $Object.hasOwnProperty.call(message, "features"))
            $root.criu_features.encode(message.features, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
        if (message.cr_errmsg != null && $Object.hasOwnProperty.call(message, "cr_errmsg"))
            writer.uint32(/* id 9, wireType 2 =*/74).string(message.cr_errmsg);
        if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
            $root.criu_version.encode(message.version, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
        if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
            writer.uint32(/* id 11, wireType 0 =*/88).int32(message.status);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_resp message from the specified reader or buffer.
     * @function decode
     * @memberof criu_resp
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_resp & criu_resp.$Shape} criu_resp
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_resp.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.criu_resp();
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
                    value = reader.int32();
                    if ($root.criu_req_type[value] !== $undefined)
                        message.type = value;
                    else if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.success = reader.bool();
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.dump = $root.criu_dump_resp.decode(reader, reader.size(), $undefined, _depth + 1, message.dump);
                    continue;
                }
            case 4: {
                    if (wireType !== 2)
                        break;
                    message.restore = $root.criu_restore_resp.decode(reader, reader.size(), $undefined, _depth + 1, message.restore);
                    continue;
                }
            case 5: {
                    if (wireType !== 2)
                        break;
                    message.notify = $root.criu_notify.decode(reader, reader.size(), $undefined, _depth + 1, message.notify);
                    continue;
                }
            case 6: {
                    if (wireType !== 2)
                        break;
                    message.ps = $root.criu_page_server_info.decode(reader, reader.size(), $undefined, _depth + 1, message.ps);
                    continue;
                }
            case 7: {
                    if (wireType !== 0)
                        break;
                    message.cr_errno = reader.int32();
                    continue;
                }
            case 8: {
                    if (wireType !== 2)
                        break;
                    message.features = $root.criu_features.decode(reader, reader.size(), $undefined, _depth + 1, message.features);
                    continue;
                }
            case 9: {
                    if (wireType !== 2)
                        break;
                    message.cr_errmsg = reader.string();
                    continue;
                }
            case 10: {
                    if (wireType !== 2)
                        break;
                    message.version = $root.criu_version.decode(reader, reader.size(), $undefined, _depth + 1, message.version);
                    continue;
                }
            case 11: {
                    if (wireType !== 0)
                        break;
                    message.status = reader.int32();
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
        if (!$Object.hasOwnProperty.call(message, "type"))
            throw $util.ProtocolError("missing required 'type'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "success"))
            throw $util.ProtocolError("missing required 'success'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_resp
     * @function getTypeUrl
     * @memberof criu_resp
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_resp.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_resp";
    };

    return criu_resp;
})();

export const criu_version = $root.criu_version = (() => {

    /**
     * Properties of a criu_version.
     * @typedef {Object} criu_version.$Properties
     * @property {number} major_number criu_version major_number
     * @property {number} minor_number criu_version minor_number
     * @property {string|null} [gitid] criu_version gitid
     * @property {number|null} [sublevel] criu_version sublevel
     * @property {number|null} [extra] criu_version extra
     * @property {string|null} [name] criu_version name
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a criu_version.
     * @exports Icriu_version
     * @interface Icriu_version
     * @augments criu_version.$Properties
     * @deprecated Use criu_version.$Properties instead.
     */

    /**
     * Shape of a criu_version.
     * @typedef {criu_version.$Properties} criu_version.$Shape
     */

    /**
     * Constructs a new criu_version.
     * @exports criu_version
     * @classdesc Represents a criu_version.
     * @constructor
     * @param {criu_version.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const criu_version = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * criu_version major_number.
     * @member {number} major_number
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.major_number = 0;

    /**
     * criu_version minor_number.
     * @member {number} minor_number
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.minor_number = 0;

    /**
     * criu_version gitid.
     * @member {string} gitid
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.gitid = "";

    /**
     * criu_version sublevel.
     * @member {number} sublevel
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.sublevel = 0;

    /**
     * criu_version extra.
     * @member {number} extra
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.extra = 0;

    /**
     * criu_version name.
     * @member {string} name
     * @memberof criu_version
     * @instance
     */
    criu_version.prototype.name = "";

    /**
     * Encodes the specified criu_version message. Does not implicitly {@link criu_version.verify|verify} messages.
     * @function encode
     * @memberof criu_version
     * @static
     * @param {criu_version.$Properties} message criu_version message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    criu_version.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.major_number);
        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.minor_number);
        if (message.gitid != null && $Object.hasOwnProperty.call(message, "gitid"))
            writer.uint32(/* id 3, wireType 2 =*/26).string(message.gitid);
        if (message.sublevel != null && $Object.hasOwnProperty.call(message, "sublevel"))
            writer.uint32(/* id 4, wireType 0 =*/32).int32(message.sublevel);
        if (message.extra != null && $Object.hasOwnProperty.call(message, "extra"))
            writer.uint32(/* id 5, wireType 0 =*/40).int32(message.extra);
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            writer.uint32(/* id 6, wireType 2 =*/50).string(message.name);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Decodes a criu_version message from the specified reader or buffer.
     * @function decode
     * @memberof criu_version
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {criu_version & criu_version.$Shape} criu_version
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    criu_version.decode = function (reader, length, _end, _depth, _target) {
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
        message = _target || new $root.criu_version();
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
                    message.major_number = reader.int32();
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    message.minor_number = reader.int32();
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.gitid = reader.string();
                    continue;
                }
            case 4: {
                    if (wireType !== 0)
                        break;
                    message.sublevel = reader.int32();
                    continue;
                }
            case 5: {
                    if (wireType !== 0)
                        break;
                    message.extra = reader.int32();
                    continue;
                }
            case 6: {
                    if (wireType !== 2)
                        break;
                    message.name = reader.string();
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
        if (!$Object.hasOwnProperty.call(message, "major_number"))
            throw $util.ProtocolError("missing required 'major_number'", { instance: message });
        if (!$Object.hasOwnProperty.call(message, "minor_number"))
            throw $util.ProtocolError("missing required 'minor_number'", { instance: message });
        return message;
    };

    /**
     * Gets the type url for criu_version
     * @function getTypeUrl
     * @memberof criu_version
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    criu_version.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/criu_version";
    };

    return criu_version;
})();

export {
  $root as default
};
