using Cascade.Hosting;
using Cascade.Telemetry;

// A headless node: grains only, no HTTP. It joins the cluster of a running `web` node, e.g.
//   dotnet run --project silo -- --Cascade:Cluster:SiloPort=11112 --Cascade:Cluster:GatewayPort=30001 \
//     --Cascade:Cluster:PrimarySiloPort=11111 --Cascade:Storage:Sqlite:Path=../web/data/cascade.db
// or, with Azure Table Storage, --Cascade:Storage:Provider=azureTable and its connection string.
// With OTEL_EXPORTER_OTLP_ENDPOINT set it exports its logs, metrics and traces over OTLP.
var builder = Host.CreateApplicationBuilder(args);
builder.AddCascadeNode();
builder.AddCascadeTelemetry();
return builder.Build().RunCascade();
