{#- One row per integer 0 … 16383: offsets for day and week spines (45 years of days). -#}
select generated_number - 1 as number_value
from ({{ dbt.generate_series(16384) }}) as series
