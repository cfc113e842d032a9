// bench/highs.js: solves the CPLEX LP model logis writes with --write-lp with HiGHS (the npm
// package `highs`, a WebAssembly build), for bench/run.sh, and writes what came of it as JSON.
//
// usage: NODE_PATH=DIR/node_modules node bench/highs.js MODEL.lp SECONDS RESULT.json
// RESULT.json: {version, status, objective, bound, gap, nodes, read_seconds, solve_seconds,
// wasm_mib, error}; objective is null without a feasible solution. Exit 0 when HiGHS ended with
// a status of its own (a time limit included), 1 when it could not load or solve the model (the
// wasm heap stops at 2 GiB), 2 on a usage error.
"use strict";

const fs = require("fs");

function seconds(since) {
    return Number(process.hrtime.bigint() - since) / 1e9;
}

function write(path, result) {
    fs.writeFileSync(path, JSON.stringify(result) + "\n");
}

// The persistent model API rather than highs.solve(): it takes the file's bytes (a big model's
// text can be longer than a JavaScript string may be) and gives the MIP's dual bound and gap.
function solve(highs, path, limit, result) {
    const statusName = {};
    for (const [name, code] of Object.entries(highs.constants.modelStatus)) {
        statusName[code] = name;
    }
    let start = process.hrtime.bigint();
    const model = highs.createModel({ format: "lp", data: fs.readFileSync(path) });
    try {
        result.read_seconds = seconds(start);
        model.options.set({ output_flag: false, time_limit: limit });
        start = process.hrtime.bigint();
        const run = model.run();
        result.solve_seconds = seconds(start);
        result.status = statusName[run.modelStatus] || `status ${run.modelStatus}`;
        const feasible = model.info.get("primal_solution_status") === 2;
        result.objective = feasible ? model.getObjectiveValue() : null;
        result.bound = model.info.get("mip_dual_bound");
        result.gap = feasible ? model.info.get("mip_gap") : null;
        if (result.status !== "empty") { // else the count is whatever the info held
            result.nodes = Number(model.info.get("mip_node_count"));
        }
    } finally {
        model.dispose();
    }
}

async function main() {
    const [path, limitText, out] = process.argv.slice(2);
    const limit = Number(limitText);
    if (!out || !(limit > 0)) {
        console.error("usage: node bench/highs.js MODEL.lp SECONDS RESULT.json");
        process.exit(2);
    }
    const result = { version: null, status: null, objective: null, bound: null, gap: null,
                     nodes: null, read_seconds: null, solve_seconds: null, wasm_mib: null,
                     error: null };
    let highs = null;
    try {
        highs = await require("highs")();
        result.version = highs.version.string;
        solve(highs, path, limit, result);
    } catch (error) {
        result.error = String(error && error.message ? error.message : error).split("\n")[0];
    }
    if (highs) {
        result.wasm_mib = Math.round(highs.memoryBytes / 1048576);
    }
    // The release build aborts on any C++ exception, std::bad_alloc included, and says only
    // "Aborted()": give the heap's size, which cannot grow past 2 GiB.
    if (result.error && result.error.startsWith("Aborted")) {
        result.error = `HiGHS aborted (out of memory or another C++ exception) with its wasm ` +
                       `heap at ${result.wasm_mib} MiB, which stops at 2048`;
    }
    write(out, result);
    process.exit(result.error ? 1 : 0);
}

main();
