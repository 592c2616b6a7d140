using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PareNetwork.Web.Data;

internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PareDbContext>
{
    public PareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PareDbContext>().UseSqlite("Data Source=design.db").Options);
}
