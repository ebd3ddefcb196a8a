// Child of `npm run bench`: import the built package, new Experiment, create() on loopback.
const t0 = performance.now();
const { Experiment } = await import(process.env.BENCH_ENTRY);
const t1 = performance.now();
const experiment = new Experiment({ project: "bench/cold" });
await experiment.create();
const t2 = performance.now();
process.stdout.write(`created ${(t1 - t0).toFixed(1)} ${(t2 - t1).toFixed(1)}\n`);
