// json-tool.js: the small JSON chores of tests/schema/run.sh, in Node.js (which ajv-cli needs).
//   node json-tool.js change FILE POINTER VALUE_JSON|remove OUT   one change at a JSON Pointer
//   node json-tool.js kind FILE...           "TYPE FILE" per file: object, array, string, ...
//   node json-tool.js sections SCENARIO      "SECTION PATH" per section held in a file
'use strict';
const fs = require('fs');
const path = require('path');

function read(file) {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function tokens(pointer) {
    if (pointer === '')
        return [];
    if (pointer[0] !== '/')
        throw new Error(`not a JSON pointer: ${pointer}`);
    return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Returns the document with the value at pointer replaced (or removed when value is undefined).
function change(document, pointer, value) {
    const keys = tokens(pointer);
    if (keys.length === 0)
        return value;
    let parent = document;
    for (const key of keys.slice(0, -1)) {
        if (parent === null || typeof parent !== 'object' || !(key in parent))
            throw new Error(`${pointer}: no such member in the base document`);
        parent = parent[key];
    }
    const last = keys[keys.length - 1];
    if (value === undefined && Array.isArray(parent))
        parent.splice(Number(last), 1);
    else if (value === undefined)
        delete parent[last];
    else
        parent[last] = value;
    return document;
}

function kind(value) {
    return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const [command, ...args] = process.argv.slice(2);
if (command === 'change') {
    const [file, pointer, valueText, out] = args;
    const value = valueText === 'remove' ? undefined : JSON.parse(valueText);
    fs.writeFileSync(out, JSON.stringify(change(read(file), pointer, value), null, 2) + '\n');
} else if (command === 'kind') {
    for (const file of args)
        console.log(kind(read(file)), file);
} else if (command === 'sections') {
    const scenario = read(args[0]);
    for (const section of ['territories', 'dwellings', 'households', 'fixed'])
        if (typeof scenario[section] === 'string')
            console.log(section, path.join(path.dirname(args[0]), scenario[section]));
    const forecast = scenario.forecast;
    if (forecast && typeof forecast.households === 'string')
        console.log('households', path.join(path.dirname(args[0]), forecast.households));
} else {
    console.error('usage: node json-tool.js change|kind|sections ...');
    process.exit(2);
}
