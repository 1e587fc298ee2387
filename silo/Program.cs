using Cascade.Hosting;

// A headless node: grains only, no HTTP. It joins the cluster of a running `web` node, e.g.
//   dotnet run --project silo -- --Cascade:Cluster:SiloPort=11112 --Cascade:Cluster:GatewayPort=30001 \
//     --Cascade:Cluster:PrimarySiloPort=11111 --Cascade:Storage:Sqlite:Path=../web/data/cascade.db
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddCascadeSilo(builder.Configuration));
builder.Build().Run();
